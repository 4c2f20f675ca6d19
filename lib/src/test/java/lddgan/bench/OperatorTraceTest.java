package lddgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import lddgan.bench.OperatorTrace.ConvShape;
import lddgan.bench.OperatorTrace.Event;
import lddgan.bench.OperatorTrace.Phase;
import lddgan.bench.OperatorTrace.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorTraceTest {
    private static final double US = 1e-6;

    private static Event e(String name, double ts, double dur, List<List<Long>> shape) {
        return new Event(name, "X", ts, dur, 1, shape);
    }

    private static List<Long> s(long... dims) {
        List<Long> l = new ArrayList<>();
        for (long d : dims) {
            l.add(d);
        }
        return l;
    }

    /**
     * A forward stride-2 convolution (3 -> 4 channels, 8x8 -> 4x4, its output resized inside it), an addition, and the
     * autograd engine's nodes for both and a gradient accumulation, as the legacy profiler writes them.
     */
    private static List<Event> step() {
        return new ArrayList<>(List.of(
                e("aten::conv2d", 0, 100, List.of(s(2, 3, 8, 8), s(4, 3, 3, 3), s())),
                e("aten::mkldnn_convolution", 10, 80, List.of(s(2, 3, 8, 8), s(4, 3, 3, 3))),
                e("aten::empty", 12, 2, List.of(s())),
                e("aten::resize_", 20, 1, List.of(s(2, 4, 4, 4), s())),
                e("aten::add", 110, 10, List.of(s(2, 4, 4, 4), s(2, 4, 4, 4))),
                e("autograd::engine::evaluate_function: AddBackward0", 130, 5, List.of()),
                e("AddBackward0", 131, 3, List.of(s(2, 4, 4, 4))),
                e("autograd::engine::evaluate_function: ConvolutionBackward0", 140, 200, List.of()),
                e("ConvolutionBackward0", 141, 190, List.of(s(2, 4, 4, 4))),
                e("aten::convolution_backward", 142, 180, List.of(s(2, 4, 4, 4), s(2, 3, 8, 8), s(4, 3, 3, 3))),
                e("autograd::engine::evaluate_function: torch::autograd::AccumulateGrad", 350, 10, List.of()),
                e("torch::autograd::AccumulateGrad", 351, 8, List.of(s(4, 3, 3, 3)))));
    }

    @Test
    void operatorsAreAttributedInclusivelyByGroupAndPhaseWithTheEnginesOwnTimeApart() {
        List<Event> events = step();
        Collections.shuffle(events, new Random(7));
        Summary s = OperatorTrace.summarise(events);
        assertEquals(100 * US, s.seconds().get(Phase.FORWARD).get(OperatorKind.CONVOLUTION), 1e-12);
        assertEquals(10 * US, s.seconds().get(Phase.FORWARD).get(OperatorKind.ELEMENTWISE), 1e-12);
        assertEquals(190 * US, s.seconds().get(Phase.BACKWARD).get(OperatorKind.CONVOLUTION), 1e-12);
        assertEquals(3 * US, s.seconds().get(Phase.BACKWARD).get(OperatorKind.ELEMENTWISE), 1e-12);
        assertEquals(8 * US, s.seconds().get(Phase.BACKWARD).get(OperatorKind.GRADIENT_ACCUMULATION), 1e-12);
        assertEquals((2 + 10 + 2) * US, s.autogradEngineSeconds(), 1e-12);
        assertEquals(325 * US, s.operatorSeconds(), 1e-12);
        assertEquals(290 * US, s.seconds(OperatorKind.CONVOLUTION), 1e-12);
    }

    @Test
    void convolutionFlopsComeFromTheRecordedOutputShapeTwiceForTheBackwardPass() {
        Summary s = OperatorTrace.summarise(step());
        double forward = 2.0 * 2 * 4 * 4 * 4 * 3 * 3 * 3 / 1e9;
        ConvShape back = s.convolutions().get(0);
        assertEquals(Phase.BACKWARD, back.phase());
        assertEquals(s(2, 4, 4, 4), back.output());
        assertEquals(2 * forward, back.gflop(), 1e-18);
        ConvShape fwd = s.convolutions().get(1);
        assertEquals(Phase.FORWARD, fwd.phase());
        assertEquals(s(2, 4, 4, 4), fwd.output());
        assertEquals(forward, fwd.gflop(), 1e-18);
        assertEquals(forward / (100 * US), fwd.gflopPerSecond(), 1e-9);
        assertEquals(List.of(290 * US, 3 * forward), List.of(s.countedConvolutions()[0], s.countedConvolutions()[1]));
    }

    @Test
    void aForwardConvolutionWithoutItsResizeTakesTheOutputOfItsBackwardOrStaysUncounted() {
        List<Event> events = step();
        events.removeIf(x -> x.name().equals("aten::resize_"));
        assertEquals(s(2, 4, 4, 4), OperatorTrace.summarise(events).convolutions().get(1).output());
        events.removeIf(x -> x.ts() >= 140 && x.ts() < 340);
        ConvShape fwd = OperatorTrace.summarise(events).convolutions().get(0);
        assertEquals(List.of(), fwd.output());
        assertTrue(Double.isNaN(fwd.gflop()));
    }

    @Test
    void namesOfForwardAndBackwardOperatorsFallInTheSameGroup() {
        assertEquals(OperatorKind.NORMALIZATION, OperatorKind.of("aten::native_group_norm"));
        assertEquals(OperatorKind.NORMALIZATION, OperatorKind.of("NativeGroupNormBackward0"));
        assertEquals(OperatorKind.ACTIVATION, OperatorKind.of("aten::silu"));
        assertEquals(OperatorKind.ACTIVATION, OperatorKind.of("SiluBackward0"));
        assertEquals(OperatorKind.MATMUL, OperatorKind.of("BmmBackward0"));
        assertEquals(OperatorKind.MATMUL, OperatorKind.of("aten::bmm"));
        assertEquals(OperatorKind.COPY_LAYOUT, OperatorKind.of("aten::_to_copy"));
        assertEquals(OperatorKind.COPY_LAYOUT, OperatorKind.of("aten::fill_"));
        assertEquals(OperatorKind.ELEMENTWISE, OperatorKind.of("aten::addcmul_"));
        assertEquals(OperatorKind.ELEMENTWISE, OperatorKind.of("MulBackward0"));
        assertEquals(OperatorKind.RANDOM, OperatorKind.of("aten::normal_"));
        assertEquals(OperatorKind.RANDOM, OperatorKind.of("aten::randn"));
        assertEquals(OperatorKind.CONVOLUTION, OperatorKind.of("aten::_slow_conv2d_forward"));
        assertEquals(OperatorKind.GRADIENT_ACCUMULATION, OperatorKind.of("torch::autograd::AccumulateGrad"));
        assertEquals(OperatorKind.OTHER, OperatorKind.of("aten::something_new"));
    }

    @Test
    void aFileThatIsNotATraceIsNamedInTheError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("trace.json");
        Files.writeString(f, "{\"traceEvents\": []}");
        IOException error = assertThrows(IOException.class, () -> OperatorTrace.read(f));
        assertTrue(error.getMessage().startsWith(f + ": expected the PyTorch profiler's Chrome trace"), error.getMessage());
        Files.writeString(f, "[{\"name\": \"aten::add\", \"ph\": \"B\", \"ts\": 1, \"dur\": 2, \"tid\": 1}]");
        error = assertThrows(IOException.class, () -> OperatorTrace.read(f));
        assertTrue(error.getMessage().contains("event 0 is not a complete event"), error.getMessage());
    }

    /** The engine's own profiler output: a stride-2 convolution and its backward pass, counted exactly. */
    @Test
    void theEnginesTraceOfAStridedConvolutionGivesItsShapesAndFlops(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("conv.trace.json");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray w = m.randomNormal(new Shape(4, 3, 3, 3));
            w.setRequiresGradient(true);
            JniUtils.startProfile(false, true, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, w, null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                gc.backward(y.mul(y).sum());
            } finally {
                JniUtils.stopProfile(trace.toString());
            }
        }
        Summary s = OperatorTrace.read(trace);
        double forward = 2.0 * 2 * 4 * 4 * 4 * 3 * 3 * 3 / 1e9;
        List<ConvShape> convs = s.convolutions();
        assertEquals(2, convs.size(), convs.toString());
        for (ConvShape c : convs) {
            assertEquals(s(2, 3, 8, 8), c.input());
            assertEquals(s(4, 3, 3, 3), c.weight());
            assertEquals(s(2, 4, 4, 4), c.output());
            assertEquals(1, c.calls());
            assertEquals(c.phase() == Phase.FORWARD ? forward : 2 * forward, c.gflop(), 1e-18);
        }
        assertTrue(s.seconds().get(Phase.BACKWARD).get(OperatorKind.CONVOLUTION) > 0, s.seconds().toString());
    }
}
