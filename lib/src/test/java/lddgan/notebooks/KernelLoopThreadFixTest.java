package lddgan.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import lddgan.config.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's {@code LoopThread} replacement ({@code environment/rapaio-fix}, put ahead of rapaio-jupyter-kernel
 * 3.0.1's jar by setup.sh; issue 24): it must fit where rapaio's class is used (same public constructor and methods)
 * and every loop must run from its start until {@code shutdown()}, however the new thread is scheduled and whatever
 * one poll throws.
 */
class KernelLoopThreadFixTest {
    private static final String NAME = "org.rapaio.jupyter.kernel.channels.LoopThread";

    @TempDir
    Path tmp;

    /** The fix, compiled from environment/rapaio-fix and loaded on its own (not rapaio's class on the test path). */
    private Class<?> compiledFix() throws Exception {
        Path source = ProjectPaths.root().resolve("environment/rapaio-fix/" + NAME.replace('.', '/') + ".java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-d", tmp.toString(), source.toString());
        assertEquals(0, status, "javac " + source);
        URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> fix = loader.loadClass(NAME);
        assertEquals(loader, fix.getClassLoader());
        return fix;
    }

    private static Set<String> publicApi(Class<?> c) {
        Set<String> api = new TreeSet<>();
        for (Constructor<?> k : c.getConstructors()) {
            api.add("new" + Arrays.toString(k.getParameterTypes()));
        }
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.getName().equals("start")) {
                api.add(m.getReturnType().getName() + " " + m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        return api;
    }

    @Test
    void replacesRapaiosClassWithTheSamePublicConstructorAndMethods() throws Exception {
        Class<?> fix = compiledFix();
        Class<?> rapaio = Class.forName(NAME);
        assertTrue(rapaio.getProtectionDomain().getCodeSource().getLocation().getPath().contains("rapaio-jupyter-kernel"));
        assertEquals(publicApi(rapaio), publicApi(fix));
        assertEquals(Thread.class, fix.getSuperclass());
        assertTrue(Modifier.isFinal(fix.getModifiers()) && Modifier.isPublic(fix.getModifiers()));
    }

    @Test
    void everyLoopRunsFromItsStartUntilShutdown() throws Exception {
        Class<?> fix = compiledFix();
        Constructor<?> create = fix.getConstructor(String.class, long.class, Runnable.class);
        Method shutdown = fix.getMethod("shutdown");
        int threads = 400;
        CountDownLatch firstRuns = new CountDownLatch(threads);
        AtomicInteger runs = new AtomicInteger();
        List<Thread> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            AtomicInteger mine = new AtomicInteger();
            Thread t = (Thread) create.newInstance("loop-" + i, 1L, (Runnable) () -> {
                if (mine.getAndIncrement() == 0) {
                    firstRuns.countDown();
                }
                runs.incrementAndGet();
            });
            t.start();
            loops.add(t);
        }
        assertTrue(firstRuns.await(60, TimeUnit.SECONDS),
                firstRuns.getCount() + " of " + threads + " loops never ran their body");
        for (Thread t : loops) {
            assertTrue(t.isAlive(), t.getName() + " ended before shutdown");
            shutdown.invoke(t);
        }
        for (Thread t : loops) {
            t.join(10_000);
            assertTrue(!t.isAlive(), t.getName() + " still runs after shutdown");
        }
        assertTrue(runs.get() >= threads);
    }

    @Test
    void aPollThatThrowsDoesNotEndTheLoop() throws Exception {
        Class<?> fix = compiledFix();
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(1);
        // the shell poll of a kernel whose handlers are not installed yet: the first two requests fail
        Thread t = (Thread) fix.getConstructor(String.class, long.class, Runnable.class).newInstance("Shell-0", 1L,
                (Runnable) () -> {
                    if (polls.incrementAndGet() <= 2) {
                        throw new NullPointerException("handlers is null");
                    }
                    answered.countDown();
                });
        t.start();
        try {
            assertTrue(answered.await(10, TimeUnit.SECONDS), "the loop ended at a failed poll");
            assertTrue(t.isAlive());
        } finally {
            fix.getMethod("shutdown").invoke(t);
            t.join(10_000);
        }
        assertTrue(!t.isAlive(), "still runs after shutdown");
    }
}
