package lddgan.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lddgan.config.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless runner (make run / make test) stops at a throwing cell, names notebook and cell, exits non-zero. */
class NotebookRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void aThrowingCellFailsTheRunNamingNotebookAndCell() throws IOException, InterruptedException {
        Path root = rootWithKernel();
        Path file = notebook("97-throws.ipynb", "int answer = 6 * 7;",
                "throw new IllegalStateException(\"deliberate failure \" + answer);", "System.out.println(\"never runs\");");

        Process p = startRunner(file);
        String out = outputWithin180s(p);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("FAILED 97-throws.ipynb, cell 2"), out);
        assertTrue(out.contains("deliberate failure 42"), out);
        assertTrue(out.contains("0 passed, 1 failed"), out);
        assertTrue(Files.isRegularFile(tmp.resolve("out/97-throws.ipynb")), "executed copy with the error is kept");
        ObjectMapper json = new ObjectMapper();
        JsonNode spec = json.readTree(tmp.resolve("out/97-throws.ipynb").toFile()).at("/metadata/kernelspec");
        JsonNode installed = json.readTree(root.resolve("build/jupyter/kernels/lddgan-java/kernel.json").toFile());
        assertEquals("lddgan-java", spec.path("name").asText(), "the kernel it ran on, not the notebook's 'java'");
        assertEquals(installed.path("display_name").asText(), spec.path("display_name").asText());
    }

    /**
     * Issue 24: on the project kernel a live item is one output, replaced in place; tables arrive as HTML; a line
     * printed in pieces (rapaio publishes each write as a message) is one stream output in the executed copy.
     */
    @Test
    void onTheProjectKernelALiveItemIsOneOutputReplacedInPlace() throws IOException, InterruptedException {
        rootWithKernel();
        Path file = notebook("96-live.ipynb", "import lddgan.report.Show;\nimport tech.tablesaw.api.*;",
                "var view = Show.live().text(\"step 1 of 3\");\nview.text(\"step 2 of 3\");\nview.text(\"step 3 of 3\");\n"
                        + "Show.table(Table.create(\"runs\", StringColumn.create(\"model\", \"LDDGAN\")));\n"
                        + "System.out.print(\"kernel\");\nSystem.out.print(\": \");\nSystem.out.println(Show.kernel());");
        Process p = startRunner(file);
        String out = outputWithin180s(p);
        assertEquals(0, p.exitValue(), out);
        JsonNode outputs = new ObjectMapper().readTree(tmp.resolve("out/96-live.ipynb").toFile()).at("/cells/1/outputs");
        assertEquals(3, outputs.size(), "one live output, one table, one line of text: " + outputs);
        assertEquals("display_data", outputs.get(0).path("output_type").asText(), outputs.toString());
        assertEquals("step 3 of 3", text(outputs.get(0).at("/data/text~1plain")), outputs.toString());
        assertTrue(outputs.get(1).at("/data/text~1html").toString().contains("LDDGAN"), outputs.toString());
        assertEquals("kernel: rapaio\n", text(outputs.get(2).path("text")), outputs.toString());
    }

    /** The project root; the test is reported as skipped when setup has not installed the kernel. */
    private static Path rootWithKernel() {
        Path root = ProjectPaths.root();
        assumeTrue(Files.isRegularFile(root.resolve("build/jupyter/kernels/lddgan-java/kernel.json")),
                "kernel not set up (environment/setup.sh)");
        return root;
    }

    /** The headless runner on one notebook, on the project kernel, executed copy to tmp/out. */
    private Process startRunner(Path file) throws IOException {
        Path root = ProjectPaths.root();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", root.resolve("environment/run_notebooks.py").toString(),
                file.toString(), "--out", tmp.resolve("out").toString()).redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", root.resolve("build/jupyter").toString());
        return pb.start();
    }

    /** Everything the runner printed; fails if it has not ended 180 s after its output closed. */
    private static String outputWithin180s(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
        return out;
    }

    /** nbformat stores text as a string or a list of lines. */
    private static String text(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        StringBuilder b = new StringBuilder();
        node.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    @Test
    void ctrlCStopsTheRunAndItsKernelAndRecordsWhere() throws Exception {
        interruptedBy("INT", 130);
    }

    @Test
    void sigtermStopsTheRunAndItsKernelAndRecordsWhere() throws Exception {
        interruptedBy("TERM", 143);
    }

    /** Issue 26: a signal during a long cell stops the runner with 128 + signal, leaves no kernel, notes it. */
    private void interruptedBy(String signal, int exitCode) throws Exception {
        Path root = rootWithKernel();
        ObjectMapper json = new ObjectMapper();
        Path file = notebook("98-long.ipynb", "int answer = 6 * 7;", "Thread.sleep(600_000);",
                "System.out.println(\"never runs\");");
        Process p = startRunner(file);
        java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        long kernelPid = -1;
        for (String line; kernelPid < 0 && (line = reader.readLine()) != null;) {
            out.append(line).append('\n');
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("kernel ready .*pid (\\d+)\\)").matcher(line);
            if (m.find()) {
                kernelPid = Long.parseLong(m.group(1));
            }
        }
        assertTrue(kernelPid > 0, "the runner names its kernel's pid:\n" + out);
        Thread.sleep(3000); // into the long cell
        long sent = System.nanoTime();
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the runner stops within 30 s of SIG" + signal);
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        System.out.printf("SIG%s: runner exited %d after %.1f s%n", signal, p.exitValue(), (System.nanoTime() - sent) / 1e9);
        assertEquals(exitCode, p.exitValue(), out.toString());
        Thread.sleep(500);
        long pid = kernelPid;
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "kernel " + pid + " is left running");
        JsonNode executed = json.readTree(tmp.resolve("out/98-long.ipynb").toFile());
        assertEquals("SIG" + signal, executed.at("/metadata/lddgan_run/interrupted").asText(), out.toString());
        assertEquals(2, executed.at("/metadata/lddgan_run/at_cell").asInt());
        assertTrue(out.toString().contains("interrupted by SIG" + signal), out.toString());
    }

    /** A notebook for the project kernel with one code cell per source, written to the test's folder. */
    private Path notebook(String name, String... sources) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode nb = json.createObjectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        // names another kernel than the one it runs on: the executed copy must record the real one (issue 27)
        nb.putObject("metadata").putObject("kernelspec").put("name", "java").put("language", "java").put("display_name", "JJava");
        ArrayNode cells = nb.putArray("cells");
        for (String source : sources) {
            cells.add(cell(json, source));
        }
        Path file = tmp.resolve(name);
        json.writeValue(file.toFile(), nb);
        return file;
    }

    private static ObjectNode cell(ObjectMapper json, String source) {
        ObjectNode c = json.createObjectNode();
        c.put("cell_type", "code").put("execution_count", (String) null).put("source", source);
        c.putObject("metadata");
        c.putArray("outputs");
        return c;
    }
}
