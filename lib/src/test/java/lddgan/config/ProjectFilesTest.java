package lddgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the tools leave behind stays in the project and out of git (issue 21, defect 11). */
class ProjectFilesTest {
    private static final Path ROOT = ProjectPaths.root();

    @Test
    void makeLabKeepsJupytersRuntimeFilesUnderBuild() throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        int lab = makefile.indexOf("\nlab:");
        assertTrue(lab >= 0, "the Makefile has a lab target");
        String recipe = makefile.substring(lab, makefile.indexOf("\n\n", lab));
        assertTrue(recipe.contains("JUPYTER_RUNTIME_DIR=$(ROOT)/build/"), recipe);
    }

    @Test
    void makeTrainOutputIsIgnoredButTheCommittedAcceptanceRunStaysTracked() throws IOException, InterruptedException {
        assertEquals(0, git("check-ignore", "-q", "results/smoke/train/lddgan-cifar10-smoke/fid.json"),
                "results/<profile>/train/ of make train is ignored");
        assertEquals(0, git("ls-files", "--error-unmatch", "results/cpu/train/ddgan-cifar10-cpu/fid.json"),
                "the committed acceptance run stays tracked");
    }

    private static int git(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
