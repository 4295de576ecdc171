package io.github.raftkit.examples.lock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Waits for the first {@link HoldEnd}: each source (a signal, the session's loss, the end of input, the child's
 * exit) reports from its own thread and the first report wins. Thread-safe.
 */
final class HoldWatch {
    private final CompletableFuture<HoldEnd> end = new CompletableFuture<>();

    /** Reports {@code why}; ignored if the hold has ended already. */
    void end(HoldEnd why) {
        end.complete(why);
    }

    /** A {@link io.github.raftkit.examples.lock.client.SessionListener}: called on the client's keep-alive thread. */
    void sessionLost(long session, String reason) {
        end(new HoldEnd.SessionLost(session, reason));
    }

    /** Reports {@link HoldEnd.InputClosed} when {@code in} ends (or fails), read on a daemon thread of its own. */
    void endOfInput(InputStream in) {
        Thread reader = new Thread(() -> {
            byte[] discarded = new byte[512];
            try {
                while (in.read(discarded) >= 0) {
                    // Only the end matters: what a person or a script types is not for us.
                }
            } catch (IOException unreadable) {
                // An input that cannot be read has ended as far as anyone can tell.
            }
            end(new HoldEnd.InputClosed());
        }, "raft-lock-input");
        reader.setDaemon(true);
        reader.start();
    }

    /** Reports {@link HoldEnd.ChildExited} when {@code child} exits. */
    void exitOf(Process child) {
        child.onExit().thenAccept(exited -> end(new HoldEnd.ChildExited(exited.exitValue())));
    }

    /** Blocks until the hold ends, and says why. */
    HoldEnd await() {
        return end.join();
    }

    /**
     * What {@code work}, run on a daemon thread, gives, or empty if the hold ends first; {@code work} then goes on
     * until whatever it waits for is closed. Throws what {@code work} threw.
     */
    <T> Optional<T> unlessEnded(Supplier<Optional<T>> work, String threadName) {
        CompletableFuture<Optional<T>> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error failure) {
                result.completeExceptionally(failure);
            }
        }, threadName);
        worker.setDaemon(true);
        worker.start();
        CompletableFuture.anyOf(result, end).exceptionally(failure -> null).join();
        if (!result.isDone()) {
            return Optional.empty();
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Why the hold ended, if it has. */
    Optional<HoldEnd> ended() {
        return Optional.ofNullable(end.getNow(null));
    }
}
