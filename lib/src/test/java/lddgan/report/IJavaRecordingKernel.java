package lddgan.report;

import com.google.gson.Gson;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.ContentType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An IJava-1.3-style kernel (jupyter-jvm-basekernel 2.3.0's {@code BaseKernel}, IJava's base) that records what it is
 * asked to publish: while open it is {@code IJava.getKernelInstance()} (the test stand-in of IJava's entry class)
 * and its IO is attached to a reply environment, as during a cell's execution.
 */
public final class IJavaRecordingKernel extends BaseKernel implements AutoCloseable {
    private final List<Published> published = new CopyOnWriteArrayList<>();

    /** Starts the kernel: from now on it is IJava's running kernel. */
    public IJavaRecordingKernel() throws ReflectiveOperationException {
        Method setEnv = JupyterIO.class.getDeclaredMethod("setEnv", ShellReplyEnvironment.class);
        setEnv.setAccessible(true);
        setEnv.invoke(getIO(), new Recorder());
        IJava.setKernelInstance(this);
    }

    /** What was published so far, in order. */
    public List<Published> published() {
        return published;
    }

    @Override
    public void close() {
        IJava.setKernelInstance(null);
    }

    @Override
    public DisplayData eval(String expr) {
        throw new UnsupportedOperationException("a recording kernel evaluates nothing");
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java").build();
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
