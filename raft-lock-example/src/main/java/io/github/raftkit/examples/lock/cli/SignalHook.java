package io.github.raftkit.examples.lock.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a command clean up on SIGINT or SIGTERM: a JVM shutdown hook that runs {@code onSignal} and then holds the
 * JVM until the command {@linkplain #close() is done} (releasing its lock, closing its session), for at most
 * {@link #CLEANUP}. Closing it also removes the hook, so a command that ended on its own leaves nothing behind.
 * Installed and closed on the command's thread; {@code onSignal} runs on the hook's.
 */
final class SignalHook implements AutoCloseable {
    /** The longest the JVM waits: a child's grace, a release and a session's close, each with its timeout. */
    static final Duration CLEANUP = Duration.ofSeconds(20);

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private SignalHook(Runnable onSignal) {
        this.hook = new Thread(() -> {
            onSignal.run();
            try {
                done.await(CLEANUP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raft-lock-signal");
    }

    static SignalHook install(Runnable onSignal) {
        SignalHook signal = new SignalHook(onSignal);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** The command is done: the JVM may exit. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running, and now returns.
        }
    }
}
