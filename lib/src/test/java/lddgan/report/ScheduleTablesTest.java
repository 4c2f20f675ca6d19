package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lddgan.schedule.FewStepVpSchedule;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Notebook 00's schedule tables carry REFERENCE-CODE.md section 1's values for T = 4 in the right rows. */
class ScheduleTablesTest {
    @Test
    void forwardProcessRowsAreTheReferenceValues() {
        Table t = Tables.noiseSchedule(FewStepVpSchedule.of(4));
        assertEquals(5, t.rowCount());
        assertEquals(List.of("k", "t_k", "beta_k", "sigmas", "a_s", "a_s_cum", "sigmas_cum"), t.columnNames());
        double[] beta = {1e-8, 0.47825530, 0.84920603, 0.95641768, 0.98740393};
        double[] aCum = {1.0, 0.72231900, 0.28049237, 0.05855665, 0.00657194};
        for (int k = 0; k <= 4; k++) {
            assertEquals(k, t.intColumn("k").getInt(k));
            assertEquals(beta[k], t.doubleColumn("beta_k").getDouble(k), 1e-7);
            assertEquals(aCum[k], t.doubleColumn("a_s_cum").getDouble(k), 1e-7);
        }
        assertEquals(0.25075, t.doubleColumn("t_k").getDouble(1), 1e-7);
    }

    @Test
    void posteriorRowsAreTheReferenceValues() {
        Table p = Tables.posterior(FewStepVpSchedule.of(4).posterior());
        assertEquals(4, p.rowCount());
        double[] coef1 = {1.0, 0.66577846, 0.26919085, 0.05782156};
        double[] var = {0, 0.44081914, 0.88420240, 0.98406076};
        for (int k = 0; k < 4; k++) {
            assertEquals(coef1[k], p.doubleColumn("coef1").getDouble(k), 1e-7);
            assertEquals(var[k], p.doubleColumn("var").getDouble(k), 1e-7);
        }
        assertEquals(-0.81912059, p.doubleColumn("logvar").getDouble(1), 1e-6);
    }
}
