package org.rapaio.jupyter.kernel.channels;

/**
 * The project's replacement for rapaio-jupyter-kernel 3.0.1's {@code LoopThread}, the thread that polls each of the
 * kernel's sockets (heartbeat, shell, control). {@code environment/setup.sh} compiles it into {@code build/kernel/fix}
 * and the kernelspec puts that folder ahead of rapaio's jar, so this class is loaded instead of rapaio's.
 *
 * <p>Why (issue 24): rapaio's class sets its {@code running} flag only after {@code Thread.start()} has returned,
 * and its loop runs while the flag is set. When the new thread reaches the loop first, it ends at once, and the
 * socket it serves is never read again: a shell thread lost that way is a kernel that never answers
 * {@code kernel_info_request} (nothing hangs visibly: the heartbeat and control threads live on). Thread dumps of
 * such kernels hold one polling thread fewer than a healthy one (see {@code environment/kernel_starts.py}).
 *
 * <p>A second start race ends the same thread: {@code Channels.connect} binds the sockets (starting their loops)
 * before it installs the message handlers, so a {@code kernel_info_request} that arrives in between makes the shell
 * poll throw a {@code NullPointerException} ({@code handlers} is null), which ended rapaio's loop (3 of 50 starts
 * once the first race was fixed).
 *
 * <p>Here nothing has to be set after the start: the loop runs from the start until {@link #shutdown()}. Its first
 * poll waits until the thread that created it (the one in {@code Channels.connect}) has left {@code Channels.connect},
 * that is until the handlers are installed; a request that arrives earlier waits in its socket's queue and is
 * answered then (at most {@value #CONNECT_WAIT_MILLIS} ms are waited, then the loop starts anyway). A poll that
 * throws is reported on standard error and the loop goes on. Same public constructor and methods as rapaio's class
 * (its channels call them); written for this project.
 */
public final class LoopThread extends Thread {
    private static final int REPORTED_FAILURES = 10;
    private static final long CONNECT_WAIT_MILLIS = 30_000;
    private static final String CONNECT_CLASS = "org.rapaio.jupyter.kernel.channels.Channels";
    private static final String CONNECT_METHOD = "connect";

    private final long pauseMillis;
    private final Runnable body;
    private final Thread creator = Thread.currentThread();
    private volatile boolean stopped;
    private int failures;

    /**
     * @param name the thread's name
     * @param sleep pause after each run of {@code loopBody}, in milliseconds
     * @param loopBody one poll of the socket
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.pauseMillis = sleep;
        this.body = loopBody;
    }

    @Override
    public void run() {
        try {
            awaitConnected();
        } catch (InterruptedException e) {
            return;
        }
        while (!stopped) {
            try {
                body.run();
            } catch (RuntimeException e) {
                failures++;
                if (failures <= REPORTED_FAILURES) {
                    System.err.println("[" + getName() + "] poll failed, polling on (lddgan's LoopThread): " + e);
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits while the creating thread is inside {@code Channels.connect} (its handlers are not yet installed). */
    private void awaitConnected() throws InterruptedException {
        long deadline = System.currentTimeMillis() + CONNECT_WAIT_MILLIS;
        while (!stopped && inConnect(creator.getStackTrace()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
    }

    private static boolean inConnect(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(CONNECT_CLASS) && frame.getMethodName().equals(CONNECT_METHOD)) {
                return true;
            }
        }
        return false;
    }

    /** Ends the loop after the current poll. */
    public void shutdown() {
        stopped = true;
    }
}
