package lddgan.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import lddgan.config.ProjectPaths;
import lddgan.nn.MicroBatch;

/**
 * One of the library's main classes run in a fresh JVM, for measurements that another model's allocations in the same
 * process would distort (peak resident memory: the native allocator keeps what an earlier model freed, so a later model
 * shows a fraction of its need, and the first one also pays the engine's one-time buffers). The child gets this
 * process's class path, the engine and project properties it was started with, and its heap and collector options
 * ({@code -Xm...}, {@code -XX:...}: the child is sized like the process that measures, e.g. {@code make bench}'s
 * {@code build/jvm-memory}); the environment (the oneDNN cap {@code DNNL_MAX_CPU_ISA}, the DJL cache) is inherited as
 * is. Its output is echoed as it comes (a libtorch warning once); it reports its result on one line starting with a
 * given prefix.
 */
final class ChildJvm {
    /** JVM properties a child inherits from this process when set (offline engine, threads, project root). */
    private static final List<String> INHERITED_PROPERTIES = List.of("offline", "ai.djl.offline",
            "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads", "lddgan.root", "java.awt.headless",
            MicroBatch.PROPERTY);
    private static final int TAIL_LINES = 40;
    /** The head of a libtorch (glog) warning line: "[W1207 02:16:27.001370556 ". */
    private static final Pattern LIBTORCH_WARNING = Pattern.compile("^\\[W\\d{4} [0-9:.]+ ");

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code args} in a child JVM and returns the rest of its line that starts with
     * {@code prefix}.
     *
     * @param what what is measured, for the error messages ("memory measurement of ddgan-cifar10")
     * @param timeout how long the child may take before it is killed
     * @throws IOException naming {@code what} when the child fails, times out or prints no result line; with the end
     *     of its output
     */
    static String result(Class<?> main, List<String> args, String prefix, String what, Duration timeout)
            throws IOException {
        List<String> command = new ArrayList<>(command(main));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        String[] found = new String[1];
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                Set<String> warned = new HashSet<>();
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(prefix)) {
                        found[0] = line.substring(prefix.length()).trim();
                        continue;
                    }
                    if (shown(line, warned)) {
                        System.out.println("  | " + line);
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the stream closes when the child is killed; the exit status says what happened
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                reader.join(5_000);
                throw new IOException(what + " took longer than " + timeout.toSeconds() + " s and was stopped: "
                        + tail(tail));
            }
            reader.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed (child JVM exit status " + process.exitValue() + "): " + tail(tail));
        }
        if (found[0] == null) {
            throw new IOException(what + " printed no line starting with '" + prefix.trim() + "': " + tail(tail));
        }
        return found[0];
    }

    /**
     * Whether a line of the child's output is echoed: every line but a libtorch warning already seen, whatever its time
     * stamp (libtorch warns once per thread and operator: NNPACK, on machines it does not support, dozens of times).
     */
    static boolean shown(String line, Set<String> warned) {
        var head = LIBTORCH_WARNING.matcher(line);
        return !head.find() || warned.add(line.substring(head.end()));
    }

    /** The child's command up to its main class: java, heap and collector options, properties, class path. */
    static List<String> command(Class<?> main) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        for (String property : INHERITED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        return command;
    }

    /**
     * Of this JVM's options, those a child measured like it needs: heap sizes ({@code -Xmx}, {@code -Xms},
     * {@code -Xmn}, {@code -Xss}), {@code -XX:} options (collector, young generation) and native access; not agents,
     * debuggers or properties (the properties a child needs are passed by name).
     */
    static List<String> inheritedOptions(List<String> jvmArguments) {
        return jvmArguments.stream().filter(a -> a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-XX:")
                || a.startsWith("--enable-native-access")).toList();
    }

    /**
     * This process's class path, or, inside a notebook kernel that loads the library by itself, the one
     * {@code environment/setup.sh} writes to {@code build/classpath.txt}.
     */
    static String classpath() throws IOException {
        String own = System.getProperty("java.class.path", "");
        String library;
        try {
            library = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            library = null;
        }
        Path written = ProjectPaths.root().resolve("build").resolve("classpath.txt");
        boolean ownHasLibrary = library != null && List.of(own.split(java.io.File.pathSeparator)).contains(library);
        return ownHasLibrary || !Files.exists(written) ? own : Files.readString(written).trim();
    }

    private static String tail(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "(no output)" : "\n" + String.join("\n", tail);
        }
    }
}
