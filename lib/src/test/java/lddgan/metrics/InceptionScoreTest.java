package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Inception Score (Salimans et al. 2016) against closed forms. */
class InceptionScoreTest {
    @Test
    void confidentBalancedPredictionsScoreTheNumberOfClasses() {
        int k = 10;
        float[][] p = new float[200][k];
        for (int i = 0; i < p.length; i++) {
            p[i][i % k] = 1;
        }
        InceptionScore is = InceptionScore.of(p, 2);
        assertEquals(k, is.mean(), 1e-9);
        assertEquals(0, is.std(), 1e-9);
    }

    @Test
    void identicalPredictionsScoreOne() {
        float[][] p = new float[50][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new float[] {0.2f, 0.3f, 0.5f};
        }
        assertEquals(1.0, InceptionScore.of(p, 5).mean(), 1e-9);
    }

    @Test
    void twoClassMixture() {
        // half the rows (0.9, 0.1), half (0.1, 0.9): marginal (0.5, 0.5), KL = 0.9 ln 1.8 + 0.1 ln 0.2
        float[][] p = new float[100][];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 2 == 0 ? new float[] {0.9f, 0.1f} : new float[] {0.1f, 0.9f};
        }
        double kl = 0.9 * Math.log(0.9f / 0.5) + 0.1 * Math.log(0.1f / 0.5);
        assertEquals(Math.exp(kl), InceptionScore.of(p, 1).mean(), 1e-6);
    }
}
