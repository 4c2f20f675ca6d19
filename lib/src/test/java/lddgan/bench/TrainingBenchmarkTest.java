package lddgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import lddgan.autoencoder.Autoencoder;
import lddgan.config.Profile;
import lddgan.discriminator.Discriminator;
import lddgan.experiment.TrainingSetup;
import lddgan.nn.NetworkStats;
import lddgan.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {
    /**
     * A step's FLOPs are 2 x batch x (F_E + 4 F_G + 9 F_D): the smoke DDGAN (pixel space) has no encoder term, the smoke
     * LDDGAN adds its first stage's encoder and quant_conv once per sample.
     */
    @Test
    void stepFlopsCountAlgorithm2() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (String preset : new String[] {"ddgan-cifar10", "lddgan-cifar10"}) {
                TrainingConfig config = TrainingConfig.preset(preset, Profile.SMOKE);
                var g = config.generator().build();
                g.initialize(m, 1);
                Discriminator d = new Discriminator(config.discriminator());
                d.initialize(m, 1);
                Autoencoder ae = null;
                double encoder = 0;
                if (preset.startsWith("lddgan")) {
                    ae = Autoencoder.preset(TrainingSetup.FIRST_STAGE);
                    ae.initialize(m, 1);
                    for (Block b : ae.encodingBlocks()) {
                        encoder += NetworkStats.multiplyAccumulates(b, true);
                    }
                    assertTrue(encoder > 0, "the encoder costs something");
                }
                double expected = 2.0 * config.batchSize() * (encoder + 4.0 * NetworkStats.multiplyAccumulates(g, true)
                        + 9.0 * NetworkStats.multiplyAccumulates(d, true)) / 1e9;
                assertEquals(expected, TrainingBenchmark.stepGflop(config, ae, m), 1e-9 * expected, preset);
            }
        }
    }
}
