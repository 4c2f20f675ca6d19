package lddgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
    /** The child of these tests: {@code ok}, {@code fail}, {@code silent} or {@code hang}. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("child starting");
            switch (args[0]) {
                case "ok" -> System.out.println("answer " + String.join(" ",
                        ManagementFactory.getRuntimeMXBean().getInputArguments()));
                case "fail" -> {
                    System.err.println("the model preset 'nope' does not exist");
                    System.exit(3);
                }
                case "silent" -> System.out.println("nothing to report");
                case "hang" -> Thread.sleep(120_000);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    @Test
    void heapCollectorAndNativeAccessOptionsAreInheritedNotAgentsOrProperties() {
        assertEquals(List.of("-Xmx12g", "-XX:+UseParallelGC", "-XX:MaxNewSize=384m", "--enable-native-access=ALL-UNNAMED",
                        "-Xss2m", "-Xms1g"),
                ChildJvm.inheritedOptions(List.of("-Xmx12g", "-XX:+UseParallelGC", "-XX:MaxNewSize=384m",
                        "-agentlib:jdwp=transport=dt_socket", "-Dfoo=bar", "--enable-native-access=ALL-UNNAMED",
                        "-javaagent:x.jar", "-Xss2m", "-Xms1g")));
    }

    @Test
    void aLibtorchWarningIsShownOnceWhateverItsTimeStamp() {
        java.util.Set<String> warned = new java.util.HashSet<>();
        String nnpack = " NNPACK.cpp:57] Could not initialize NNPACK! Reason: Unsupported hardware.";
        assertTrue(ChildJvm.shown("[W1207 02:16:27.001370556" + nnpack, warned));
        assertTrue(!ChildJvm.shown("[W1207 02:16:27.009948252" + nnpack, warned));
        assertTrue(ChildJvm.shown("[W1207 02:16:28.000000001 Conv.cpp:12] another warning", warned));
        assertTrue(ChildJvm.shown("step 100: loss 0.5", warned));
        assertTrue(ChildJvm.shown("step 100: loss 0.5", warned), "ordinary lines are never dropped");
    }

    /** The child runs with this JVM's heap options (surefire's -Xmx6g) and reports on its prefixed line. */
    @Test
    void childReportsItsResultLineAndRunsWithTheParentsHeap() throws IOException {
        String arguments = ChildJvm.result(Child.class, List.of("ok"), "answer ", "the ok child", Duration.ofMinutes(2));
        List<String> own = ChildJvm.inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        assertTrue(own.stream().anyMatch(o -> o.startsWith("-Xmx")), "surefire's argLine sets -Xmx: " + own);
        for (String option : own) {
            assertTrue(arguments.contains(option), option + " not passed to the child: " + arguments);
        }
    }

    @Test
    void failuresNameWhatWasMeasuredAndShowTheChildsOutput() {
        IOException failed = assertThrows(IOException.class,
                () -> ChildJvm.result(Child.class, List.of("fail"), "answer ", "the failing child", Duration.ofMinutes(2)));
        assertTrue(failed.getMessage().startsWith("the failing child failed (child JVM exit status 3)"), failed.getMessage());
        assertTrue(failed.getMessage().contains("the model preset 'nope' does not exist"), failed.getMessage());

        IOException silent = assertThrows(IOException.class,
                () -> ChildJvm.result(Child.class, List.of("silent"), "answer ", "the silent child", Duration.ofMinutes(2)));
        assertTrue(silent.getMessage().startsWith("the silent child printed no line starting with 'answer'"),
                silent.getMessage());
        assertTrue(silent.getMessage().contains("nothing to report"), silent.getMessage());

        long t = System.nanoTime();
        IOException hung = assertThrows(IOException.class,
                () -> ChildJvm.result(Child.class, List.of("hang"), "answer ", "the hanging child", Duration.ofSeconds(5)));
        assertTrue(hung.getMessage().startsWith("the hanging child took longer than 5 s and was stopped"), hung.getMessage());
        assertTrue(hung.getMessage().contains("child starting"), hung.getMessage());
        assertTrue((System.nanoTime() - t) / 1e9 < 60, "stopped at the timeout, not when the child ended");
    }
}
