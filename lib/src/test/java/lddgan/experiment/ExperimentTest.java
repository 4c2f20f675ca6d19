package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lddgan.config.Profile;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.TimingProtocol;
import lddgan.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The experiment presets (budgets per notebook and profile) and their strict reader. */
class ExperimentTest {
    private static final String MAIN = "02-main-results";
    private static final String MAIN_FILE = Experiment.DIR + "/" + MAIN + ".json";

    @Test
    void mainResultsBudgetsAreTheNotebooksOnes() {
        Experiment<MainComparisonBudget> cpu = Experiment.load(MAIN, Profile.CPU, MainComparisonBudget.class);
        assertEquals("02", cpu.runPrefix());
        assertEquals(Profile.CPU, cpu.profile());
        assertEquals(List.of("ddgan-cifar10", "wddgan-cifar10", "lddgan-cifar10"), List.copyOf(cpu.budget().steps().keySet()));
        // a time budget at cpu (a step budget missed 5 % on the drifting machine, lib/TRAINING.md); the planned steps:
        // 240 s each at the seconds per step of seed 0 of the first run in turns on the Zen 5 machine with
        // DNNL_MAX_CPU_ISA=SSE41: 3.761, 0.835, 0.969 s (README)
        assertEquals(240.0, cpu.budget().seconds());
        assertEquals(64, cpu.budget().steps("ddgan-cifar10"));
        assertEquals(287, cpu.budget().steps("wddgan-cifar10"));
        assertEquals(248, cpu.budget().steps("lddgan-cifar10"));
        assertEquals(1000, cpu.budget().samples());
        assertEquals(new TimingProtocol(100, 1, 5), cpu.budget().timing());
        MainComparisonBudget smoke = Experiment.load(MAIN, Profile.SMOKE, MainComparisonBudget.class).budget();
        assertEquals(Map.of("ddgan-cifar10", 3L, "wddgan-cifar10", 3L, "lddgan-cifar10", 3L), smoke.steps());
        assertEquals(0.0, smoke.seconds(), "smoke keeps a step budget (deterministic)");
        assertEquals(0.0, Experiment.load(MAIN, Profile.PAPER, MainComparisonBudget.class).budget().seconds());
        assertEquals(64, smoke.samples());
        assertEquals(TimingProtocol.paper(), Experiment.load(MAIN, Profile.PAPER, MainComparisonBudget.class).budget().timing());
        assertThrows(IllegalArgumentException.class, () -> smoke.steps("no-such-preset"));
        // the checkpoint directories keep their names: <profile>/02-<preset>-seed0
        assertTrue(cpu.checkpoints("lddgan-cifar10", 0).endsWith("cpu/02-lddgan-cifar10-seed0"), cpu.checkpoints("lddgan-cifar10", 0).toString());
    }

    @Test
    void describesTheStepsEachSeedsRunReached() {
        TrainingConfig config = TrainingConfig.preset("lddgan-cifar10", Profile.CPU);
        List<GanEvaluation> runs = List.of(257L, 247L, 224L).stream().map(steps -> new GanEvaluation("LDDGAN", steps,
                1, 240, 64, 10, null, null, 0.5, 0.1, 4, SamplingTime.none(), "x", true)).toList();
        MainComparisonBudget cpu = Experiment.load(MAIN, Profile.CPU, MainComparisonBudget.class).budget();
        assertEquals(config + ", notebook 02's run of each seed: 240.0 s of logged training (planned 248 steps), steps"
                + " [257, 247, 224]", cpu.describeRuns("lddgan-cifar10", config, runs));
        MainComparisonBudget smoke = Experiment.load(MAIN, Profile.SMOKE, MainComparisonBudget.class).budget();
        assertEquals(config + ", notebook 02's run of each seed: 3 steps",
                smoke.describeRuns("lddgan-cifar10", config, runs.subList(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> cpu.describeRuns("no-such-preset", config, runs));
    }

    @Test
    void otherChaptersBudgets() {
        assertEquals(1500, FirstStageRuns.steps(Profile.CPU));
        FirstStageBudget ae = Experiment.load("01-autoencoder", Profile.SMOKE, FirstStageBudget.class).budget();
        assertEquals(new FirstStageBudget(4, 128), ae);
        KlAblationBudget kl = Experiment.load("03-kl-ablation", Profile.CPU, KlAblationBudget.class).budget();
        assertEquals(new KlAblationBudget(4, 323, 0, List.of(0L, 1L, 2L), 360, 1000, new TimingProtocol(100, 1, 3)), kl);
        assertEquals(List.of(0L), Experiment.load("03-kl-ablation", Profile.SMOKE, KlAblationBudget.class).budget().seeds());
        assertEquals(List.of(0L, 1L, 2L), Experiment.load("02-main-results", Profile.CPU, MainComparisonBudget.class)
                .budget().seeds());
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> new KlAblationBudget(4, 323, 0, List.of(0L, 0L), 360, 1000, new TimingProtocol(100, 1, 3)));
        assertTrue(repeated.getMessage().contains("'seeds'") && repeated.getMessage().contains("[0, 0]"), repeated.getMessage());
        Experiment<BackboneBudget> backbone = Experiment.load("04-backbone", Profile.CPU, BackboneBudget.class);
        assertEquals("04", backbone.runPrefix());
        assertEquals(List.of(0L, 1L, 2L), backbone.budget().seeds());
        assertEquals(List.of(161L, 322L, 483L, 644L), backbone.budget().evaluateAt(161));
        assertEquals(List.of(2L, 4L), Experiment.load("04-backbone", Profile.SMOKE, BackboneBudget.class).budget().evaluateAt(161));
        assertEquals(20 * 100 * 161L, Experiment.load("04-backbone", Profile.PAPER, BackboneBudget.class).budget()
                .evaluateAt(161).get(19));
        LatentDiffusionBudget ld = Experiment.load("05-latent-diffusion", Profile.CPU, LatentDiffusionBudget.class).budget();
        assertEquals(List.of(10, 20, 50, 100), ld.ddimSteps());
        assertEquals(TimingProtocol.onEvaluationBatches(100, 1, 4), ld.timingFor(50));
        assertEquals(new TimingProtocol(100, 1, 3), ld.timingFor(20));
        assertEquals(500, ld.ddpmSamples(), "one sample count per table: DDPM's five timed batches");
        assertEquals(List.of(0L, 1L, 2L), ld.seeds());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> new LatentDiffusionBudget(
                1500, List.of(0L), 500, List.of(10), 50, 1000, 50, new TimingProtocol(100, 1, 3),
                TimingProtocol.onEvaluationBatches(100, 1, 4), TimingProtocol.onEvaluationBatches(100, 0, 1),
                List.of(1.0), 20, TimingProtocol.onEvaluationBatches(100, 1, 2)));
        assertTrue(mixed.getMessage().contains("'ddpmTiming'") && mixed.getMessage().contains("100 samples")
                && mixed.getMessage().contains("'samples' is 500"), mixed.getMessage());
        assertEquals(300, ld.guidanceSamples());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), ld.guidanceScales());
        LatentDiffusionBudget ldSmoke = Experiment.load("05-latent-diffusion", Profile.SMOKE, LatentDiffusionBudget.class).budget();
        assertEquals(32, ldSmoke.samples());
        assertEquals(32, ldSmoke.guidanceSamples());
        assertEquals(5, ldSmoke.stochasticDdimSteps());
    }

    @Test
    void everyPresetBindsAtEveryProfile() {
        Map<String, Class<?>> budgets = Map.of("01-autoencoder", FirstStageBudget.class, MAIN, MainComparisonBudget.class,
                "03-kl-ablation", KlAblationBudget.class, "04-backbone", BackboneBudget.class,
                "05-latent-diffusion", LatentDiffusionBudget.class, "06-released-checkpoints",
                ReleasedCheckpointsBudget.class, LatentStudyBudget.EXPERIMENT, LatentStudyBudget.class);
        assertEquals(Experiment.PRESETS.size(), budgets.size());
        for (String name : Experiment.PRESETS) {
            for (Profile p : Profile.values()) {
                assertEquals(budgets.get(name), Experiment.load(name, p, budgets.get(name)).budget().getClass());
            }
        }
    }

    @Test
    void unknownKeyInAnEntryIsRefusedNamingFileEntryAndKey() throws IOException {
        ObjectNode tree = mainTree();
        ((ObjectNode) tree.get("cpu")).put("sampels", 10);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.fromJson(MAIN, tree.toString(), MAIN_FILE, Profile.SMOKE, MainComparisonBudget.class));
        assertTrue(e.getMessage().contains(MAIN_FILE) && e.getMessage().contains("'cpu'")
                && e.getMessage().contains("unknown key 'sampels'"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeyIsRefused() throws IOException {
        ObjectNode tree = mainTree();
        tree.putObject("gpu");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.fromJson(MAIN, tree.toString(), MAIN_FILE, Profile.CPU, MainComparisonBudget.class));
        assertTrue(e.getMessage().contains(MAIN_FILE) && e.getMessage().contains("unknown key 'gpu'"), e.getMessage());
    }

    @Test
    void missingKeyIsRefusedNamingIt() throws IOException {
        ObjectNode tree = mainTree();
        ((ObjectNode) tree.get("paper")).remove("timing");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.fromJson(MAIN, tree.toString(), MAIN_FILE, Profile.CPU, MainComparisonBudget.class));
        assertTrue(e.getMessage().contains(MAIN_FILE) && e.getMessage().contains("'paper'")
                && e.getMessage().contains("missing key 'timing'"), e.getMessage());
        ObjectNode noPrefix = mainTree();
        noPrefix.remove("runPrefix");
        var p = assertThrows(IllegalArgumentException.class,
                () -> Experiment.fromJson(MAIN, noPrefix.toString(), MAIN_FILE, Profile.CPU, MainComparisonBudget.class));
        assertTrue(p.getMessage().contains("missing key 'runPrefix'"), p.getMessage());
    }

    @Test
    void missingProfileEntryIsRefused() throws IOException {
        ObjectNode tree = mainTree();
        tree.remove("paper");
        // refused even when another profile is asked for: every entry must be there and valid
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.fromJson(MAIN, tree.toString(), MAIN_FILE, Profile.SMOKE, MainComparisonBudget.class));
        assertTrue(e.getMessage().contains(MAIN_FILE) && e.getMessage().contains("missing entry 'paper'"), e.getMessage());
    }

    @Test
    void invalidValuesAndUnknownPresetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BackboneBudget(2, 2, 1, List.of(0L), 64,
                new TimingProtocol(100, 0, 2), new TimingProtocol(100, 0, 2)));
        assertThrows(IllegalArgumentException.class, () -> new FirstStageBudget(0, 0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.load("06-nothing", Profile.SMOKE, FirstStageBudget.class));
        assertTrue(e.getMessage().contains("02-main-results"), e.getMessage());
    }

    private static ObjectNode mainTree() throws IOException {
        try (InputStream in = ExperimentTest.class.getClassLoader().getResourceAsStream(MAIN_FILE)) {
            return (ObjectNode) new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
