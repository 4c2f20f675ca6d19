package lddgan.report;

import com.google.gson.Gson;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.ContentType;

/**
 * A JJava kernel (jjava-jupyter's {@code BaseKernel}) that records what it is asked to publish instead of sending it:
 * while open it is the notebook kernel ({@code BaseKernel.notebookKernel()}) and its IO is attached to a reply
 * environment, as during a cell's execution in JJava.
 */
public final class JJavaRecordingKernel extends BaseKernel implements AutoCloseable {
    private final List<Published> published = new CopyOnWriteArrayList<>();

    /** Starts the kernel: from now on it is the notebook kernel. */
    public JJavaRecordingKernel() throws ReflectiveOperationException {
        super("recording", "1", new LanguageInfo("java", "17", "text/x-java", ".jshell", "java", "java", "script"),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), false, new StringStyler.Builder().build());
        Method setEnv = JupyterIO.class.getDeclaredMethod("setEnv", ShellReplyEnvironment.class);
        setEnv.setAccessible(true);
        setEnv.invoke(getIO(), new Recorder());
        onStartup();
    }

    /** What was published so far, in order. */
    public List<Published> published() {
        return published;
    }

    /** The display stream notebooks reach through this kernel (attached while it is open). */
    public DisplayStream displayStream() {
        return getIO().display;
    }

    @Override
    public void close() {
        onShutdown(false);
    }

    @Override
    public Object evalRaw(String source) {
        throw new UnsupportedOperationException("a recording kernel evaluates nothing");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        throw new UnsupportedOperationException("a recording kernel inspects nothing");
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        throw new UnsupportedOperationException("a recording kernel completes nothing");
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_MAYBE;
    }

    /** The reply environment of a cell being executed, recording each IOPub message's JSON content. */
    private final class Recorder extends ShellReplyEnvironment {
        Recorder() {
            super(null, null, null, null);
        }

        @Override
        public <T extends ContentType<T>> void publish(T content) {
            published.add(Published.of(content.getType().getName(), new Gson().toJson(content)));
        }
    }
}
