package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.SnapshotPolicy;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.statemachine.LeaderContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the apply stage starts and stops a state machine's leader duties. The rule behind the start: a new leader
 * knows which entries are committed only once it commits one of its own term (Raft paper §5.4.2, dissertation
 * §3.6.2), so duties that decide from the committed state wait until that entry is applied.
 */
class LeaderDutiesTest {
    private static final NodeId SELF = NodeId.of("n1");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final DutifulRegister machine = new DutifulRegister(0);
    private ApplyStage apply;

    @AfterEach
    void stop() throws InterruptedException {
        apply.stop();
        apply.join();
        timer.shutdownNow();
    }

    private void startStage() {
        apply = new ApplyStage(SELF, machine, machine, term -> new LeaderTerm(SELF, term,
                command -> new CompletableFuture<>(), timer, task -> apply.submit(task), System::nanoTime),
                SnapshotPolicy.DEFAULT,
                List.of(SELF), Thread::new, error -> { });
        apply.start();
    }

    private void commit(long index, long term, String command) {
        apply.submit(new ApplyStage.Decided(Optional.empty(),
                List.of(new LogEntry(index, term, EntryType.COMMAND, bytes(command))), List.of(), List.of(),
                Optional.empty()));
    }

    @Test
    void dutiesStartOnlyOnceTheLeaderHasAppliedAnEntryOfItsOwnTerm() {
        startStage();
        apply.submit(new ApplyStage.Leadership(2));
        commit(1, 1, "from-term-1");
        Await.until("the term-1 entry is applied", () -> machine.history().size() == 1);
        assertEquals(List.of(), machine.starts(), "duties must wait for the leader's own entry");

        commit(2, 2, "from-term-2");
        Await.until("duties started", () -> machine.starts().size() == 1);
        assertEquals(new DutifulRegister.Start(2, List.of("from-term-1", "from-term-2")), machine.starts().get(0));
    }

    @Test
    void dutiesStopWhenLeadershipEndsAndTheirContextGoesQuiet() {
        startStage();
        commit(1, 3, "from-term-3");
        apply.submit(new ApplyStage.Leadership(3));
        Await.until("duties started", () -> machine.starts().size() == 1);

        LeaderContext context = machine.lastContext();
        assertEquals(3, context.term());
        apply.submit(new ApplyStage.Leadership(0));
        Await.until("duties stopped", () -> machine.stops() == 1);
        NotLeaderException refused = assertInstanceOf(NotLeaderException.class,
                assertThrowsCompletion(context.propose(bytes("late"))));
        assertTrue(refused.getMessage().contains(SELF.toString()), refused.getMessage());

        AtomicInteger ran = new AtomicInteger();
        apply.submit(new ApplyStage.Duty((LeaderTerm) context, ran::incrementAndGet));
        commit(2, 4, "barrier"); // tasks are handled in order, so the duty was dropped once this is applied
        Await.until("the barrier is applied", () -> machine.history().size() == 2);
        assertEquals(0, ran.get(), "a task of a term no longer led must not run");
    }

    @Test
    void leadingALaterTermStopsTheOldDutiesAndStartsFreshOnes() {
        startStage();
        commit(1, 2, "a");
        apply.submit(new ApplyStage.Leadership(2));
        Await.until("term-2 duties started", () -> machine.starts().size() == 1);

        apply.submit(new ApplyStage.Leadership(5));
        Await.until("term-2 duties stopped", () -> machine.stops() == 1);
        commit(2, 5, "b");
        Await.until("term-5 duties started", () -> machine.starts().size() == 2);
        assertEquals(5, machine.starts().get(1).term());
    }

    private static Throwable assertThrowsCompletion(CompletableFuture<byte[]> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the proposal to fail");
    }
}
