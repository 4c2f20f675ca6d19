package lddgan.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.io.Json;

/**
 * A PyTorch profiler trace as DJL writes it ({@code JniUtils.stopProfile}: the legacy autograd profiler's Chrome
 * trace, a JSON array of complete events with name, start {@code ts} and {@code dur} in microseconds, thread and, when
 * shapes are recorded, the input shapes), reduced to where the time went (issue 22, item 1; lib/PERFORMANCE.md).
 *
 * <p>Events nest by time on their thread. The unit of attribution is the <em>operator</em>: an outermost event (a
 * forward operator, a loss or optimiser operation) or an autograd node run by the engine (the child of an
 * {@code autograd::engine::evaluate_function} event, e.g. {@code ConvolutionBackward0}); its inclusive time goes to its
 * {@link OperatorKind} and its phase (backward when run by the autograd engine, else forward, which also holds the
 * loss and the optimiser). What the engine spends around its nodes is "autograd engine"; what the timed region spends
 * outside every operator (Java, JNI, the profiler's own cost between events) is "outside operators".
 *
 * <p>Convolutions are also listed by shape with their achieved GFLOP/s: a forward convolution's output shape is the
 * tensor its kernel resizes ({@code aten::resize_} among its descendants), a backward one's is its first input (the
 * output's gradient); FLOPs 2 x N x Cout x Hout x Wout x Cin/groups x kh x kw forward, twice that backward (the input's
 * and the weight's gradient).
 */
public final class OperatorTrace {
    /** The phases of a training step. */
    public enum Phase {
        FORWARD, BACKWARD;

        /** How results and tables name it: "forward", "backward". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String ENGINE_NODE = "autograd::engine::evaluate_function";

    /** One event of the trace file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(String name, String ph, double ts, double dur, Object tid, List<List<Long>> shape) {
        double end() {
            return ts + dur;
        }

        List<Long> firstShape() {
            return shape == null || shape.isEmpty() ? List.of() : shape.get(0);
        }
    }

    /** An event with its place in the nesting. */
    private static final class Node {
        final Event event;
        final List<Node> children = new ArrayList<>();

        Node(Event event) {
            this.event = event;
        }

        double childMicros() {
            return children.stream().mapToDouble(c -> c.event.dur()).sum();
        }
    }

    /**
     * A convolution shape's share: calls, seconds, FLOPs (NaN when the output shape was not recorded).
     *
     * @param phase forward or backward
     * @param input (N, Cin, H, W)
     * @param weight (Cout, Cin / groups, kh, kw)
     * @param output (N, Cout, Hout, Wout), empty when not recorded
     */
    public record ConvShape(Phase phase, List<Long> input, List<Long> weight, List<Long> output, int calls,
            double seconds, double gflop) {
        /** Achieved GFLOP/s, NaN when the FLOPs are unknown. */
        public double gflopPerSecond() {
            return gflop / seconds;
        }
    }

    /** Inclusive seconds of one operator name. */
    public record OperatorTime(String name, OperatorKind kind, Phase phase, int calls, double seconds) {
    }

    /**
     * The trace reduced.
     *
     * @param seconds seconds per (phase, kind)
     * @param autogradEngineSeconds the engine's time around its nodes
     * @param operatorSeconds the sum of every operator's inclusive time plus the engine's
     * @param convolutions per shape and phase, slowest first
     * @param operators per name and phase, slowest first
     */
    public record Summary(Map<Phase, Map<OperatorKind, Double>> seconds, double autogradEngineSeconds,
            double operatorSeconds, List<ConvShape> convolutions, List<OperatorTime> operators) {
        /** Seconds of one kind over both phases. */
        public double seconds(OperatorKind kind) {
            return seconds.values().stream().mapToDouble(m -> m.getOrDefault(kind, 0.0)).sum();
        }

        /** Convolution seconds whose FLOPs are known, and their FLOPs (10^9): {seconds, gflop}. */
        public double[] countedConvolutions() {
            double s = 0;
            double g = 0;
            for (ConvShape c : convolutions) {
                if (!Double.isNaN(c.gflop())) {
                    s += c.seconds();
                    g += c.gflop();
                }
            }
            return new double[] {s, g};
        }
    }

    private OperatorTrace() {
    }

    /**
     * Reads and reduces a trace file.
     *
     * @throws IOException naming the file when it cannot be read or is not a JSON array of events
     */
    public static Summary read(Path trace) throws IOException {
        List<Event> events;
        try {
            events = Json.MAPPER.readValue(trace.toFile(), new TypeReference<List<Event>>() {
            });
        } catch (JacksonException e) {
            throw new IOException(trace + ": expected the PyTorch profiler's Chrome trace (a JSON array of events with "
                    + "name, ts, dur, tid), found: " + e.getOriginalMessage(), e);
        }
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.name() == null || e.tid() == null || !"X".equals(e.ph())) {
                throw new IOException(trace + ": event " + i + " is not a complete event with a name and a thread: "
                        + e);
            }
        }
        return summarise(events);
    }

    /** Reduces events (any order) to a summary. */
    static Summary summarise(List<Event> events) {
        Map<Object, List<Event>> byThread = new LinkedHashMap<>();
        for (Event e : events) {
            byThread.computeIfAbsent(e.tid().toString(), t -> new ArrayList<>()).add(e);
        }
        Accumulator acc = new Accumulator();
        for (List<Event> thread : byThread.values()) {
            for (Node root : nest(thread)) {
                acc.outermost(root);
            }
        }
        return acc.summary();
    }

    /** The events of one thread as trees: by start, the longer first at equal starts, a child ends within its parent. */
    private static List<Node> nest(List<Event> thread) {
        List<Event> sorted = new ArrayList<>(thread);
        sorted.sort(Comparator.comparingDouble(Event::ts).thenComparing(Comparator.comparingDouble(Event::dur).reversed()));
        List<Node> roots = new ArrayList<>();
        Deque<Node> open = new ArrayDeque<>();
        for (Event e : sorted) {
            while (!open.isEmpty() && open.peek().event.end() < e.end() - 1e-3) {
                open.pop();
            }
            Node n = new Node(e);
            if (open.isEmpty()) {
                roots.add(n);
            } else {
                open.peek().children.add(n);
            }
            open.push(n);
        }
        return roots;
    }

    /** Collects the operators' times. */
    private static final class Accumulator {
        private final Map<Phase, Map<OperatorKind, Double>> seconds = new EnumMap<>(Phase.class);
        private final Map<String, ConvShape> convs = new LinkedHashMap<>();
        private final Map<String, OperatorTime> operators = new LinkedHashMap<>();
        private final Map<String, List<Long>> outputOf = new HashMap<>();
        private final List<Node> forwardConvs = new ArrayList<>();
        private double engine;

        void outermost(Node root) {
            if (root.event.name().startsWith(ENGINE_NODE)) {
                engineNode(root);
            } else {
                operator(root, Phase.FORWARD);
            }
        }

        private void engineNode(Node node) {
            engine += (node.event.dur() - node.childMicros()) * 1e-6;
            for (Node child : node.children) {
                if (child.event.name().startsWith(ENGINE_NODE)) {
                    engineNode(child);
                } else {
                    operator(child, Phase.BACKWARD);
                }
            }
        }

        private void operator(Node node, Phase phase) {
            Event e = node.event;
            OperatorKind kind = OperatorKind.of(e.name());
            double s = e.dur() * 1e-6;
            seconds.computeIfAbsent(phase, p -> new EnumMap<>(OperatorKind.class)).merge(kind, s, Double::sum);
            operators.merge(phase + " " + e.name(), new OperatorTime(e.name(), kind, phase, 1, s),
                    (a, b) -> new OperatorTime(a.name(), kind, phase, a.calls() + 1, a.seconds() + b.seconds()));
            if (kind == OperatorKind.CONVOLUTION) {
                if (phase == Phase.FORWARD) {
                    forwardConvs.add(node);
                } else {
                    backwardConv(node, s);
                }
            }
        }

        /** A backward node: its {@code aten::convolution_backward} has (grad_output, input, weight, ...). */
        private void backwardConv(Node node, double s) {
            List<List<Long>> shapes = findShapes(node, 3);
            if (shapes == null) {
                add(Phase.BACKWARD, List.of(), List.of(), List.of(), s);
                return;
            }
            List<Long> output = shapes.get(0);
            outputOf.put(shapes.get(1) + " " + shapes.get(2), output);
            add(Phase.BACKWARD, shapes.get(1), shapes.get(2), output, s);
        }

        /** The shapes of the first event at or below {@code node} with {@code n} 4-dimensional leading shapes. */
        private static List<List<Long>> findShapes(Node node, int n) {
            List<List<Long>> s = node.event.shape();
            if (s != null && s.size() >= n && s.subList(0, n).stream().allMatch(x -> x.size() == 4)) {
                return s;
            }
            for (Node c : node.children) {
                List<List<Long>> found = findShapes(c, n);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static List<Long> resized(Node node, long n, long cout) {
            List<Long> found = null;
            for (Node c : node.children) {
                List<Long> s = c.event.firstShape();
                if (c.event.name().equals("aten::resize_") && s.size() == 4 && s.get(0) == n && s.get(1) == cout) {
                    found = s;
                }
                List<Long> deeper = resized(c, n, cout);
                if (deeper != null) {
                    found = deeper;
                }
            }
            return found;
        }

        private void add(Phase phase, List<Long> input, List<Long> weight, List<Long> output, double s) {
            double gflop = Double.NaN;
            if (input.size() == 4 && weight.size() == 4 && output.size() == 4) {
                gflop = 2.0 * output.get(0) * output.get(1) * output.get(2) * output.get(3) * weight.get(1) * weight.get(2)
                        * weight.get(3) / 1e9 * (phase == Phase.BACKWARD ? 2 : 1);
            }
            double g = gflop;
            convs.merge(phase + " " + input + " " + weight + " " + output, new ConvShape(phase, input, weight, output, 1, s,
                    gflop), (a, b) -> new ConvShape(phase, input, weight, output, a.calls() + 1, a.seconds() + s,
                    a.gflop() + g));
        }

        Summary summary() {
            for (Node node : forwardConvs) {
                List<List<Long>> s = node.event.shape();
                if (s == null || s.size() < 2 || s.get(0).size() != 4 || s.get(1).size() != 4) {
                    add(Phase.FORWARD, List.of(), List.of(), List.of(), node.event.dur() * 1e-6);
                    continue;
                }
                List<Long> input = s.get(0);
                List<Long> weight = s.get(1);
                List<Long> output = resized(node, input.get(0), weight.get(0));
                if (output == null) {
                    output = outputOf.getOrDefault(input + " " + weight, List.of());
                }
                add(Phase.FORWARD, input, weight, output, node.event.dur() * 1e-6);
            }
            double total = engine + seconds.values().stream().flatMap(m -> m.values().stream())
                    .mapToDouble(Double::doubleValue).sum();
            List<ConvShape> convList = new ArrayList<>(convs.values());
            convList.sort(Comparator.comparingDouble(ConvShape::seconds).reversed());
            List<OperatorTime> ops = new ArrayList<>(operators.values());
            ops.sort(Comparator.comparingDouble(OperatorTime::seconds).reversed());
            return new Summary(seconds, engine, total, convList, ops);
        }
    }
}
