package io.github.raftkit.examples.kv.resp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps one connection's pipelined commands in their order where it matters, while letting the rest through
 * consensus at once. Consecutive commands of one kind form a run and are sent together: reads do not change what
 * other reads see, and writes sent in order over one client are applied in that order. A run starts only once every
 * command of the run before it completed, so a {@code GET} pipelined after a {@code SET} reads its value, and a
 * {@code SET} pipelined after a {@code GET} cannot change what that {@code GET} answers. Local commands wait for
 * nothing.
 *
 * <p>Called on the connection's event loop only; the runs it tracks complete on any thread.
 */
final class CommandOrder {
    private CommandKind runKind = CommandKind.LOCAL;
    private Run run = new Run();
    private CompletableFuture<Void> previousRuns = CompletableFuture.completedFuture(null);

    /** Starts {@code command} now, or once the runs before it completed; the reply completes as the command does. */
    CompletableFuture<Reply> submit(CommandKind kind, Supplier<CompletableFuture<Reply>> command) {
        if (kind == CommandKind.LOCAL) {
            return command.get();
        }
        if (kind != runKind) {
            run.close();
            previousRuns = run.finished;
            run = new Run();
            runKind = kind;
        }
        CompletableFuture<Reply> reply = previousRuns.isDone()
                ? command.get() : previousRuns.thenCompose(ignored -> command.get());
        run.track(reply);
        return reply;
    }

    /** Commands of one kind in a row; finished once it is closed and each of them completed. */
    private static final class Run {
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        /** The commands still running, plus one while the run may still grow. */
        private final AtomicInteger open = new AtomicInteger(1);

        void track(CompletableFuture<?> command) {
            open.incrementAndGet();
            command.whenComplete((result, failure) -> release());
        }

        void close() {
            release();
        }

        private void release() {
            if (open.decrementAndGet() == 0) {
                finished.complete(null);
            }
        }
    }
}
