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
 * <p>Here nothing has to be set after the start: the loop runs from the start until {@link #shutdown()}, and a poll
 * that throws is reported on standard error and the loop goes on. The request read by that poll is lost: the
 * runner's client (jupyter_client) repeats {@code kernel_info_request} every second, but the classic notebook server
 * 6.4 waits its {@code kernel_info_timeout} (60 s) before it goes on (open, issue 24). Same public constructor and
 * methods as rapaio's class (its channels call them); written for this project.
 */
public final class LoopThread extends Thread {
    private static final int REPORTED_FAILURES = 10;

    private final long pauseMillis;
    private final Runnable body;
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

    /** Ends the loop after the current poll. */
    public void shutdown() {
        stopped = true;
    }
}
