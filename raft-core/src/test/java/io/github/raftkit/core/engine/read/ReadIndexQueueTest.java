package io.github.raftkit.core.engine.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.core.engine.ReadState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dissertation §6.4: reads wait for a later heartbeat round and for a commit in the leader's term. */
class ReadIndexQueueTest {

    @Test
    void releasesInArrivalOrderTheReadsWhoseRoundAMajorityAnswered() {
        ReadIndexQueue queue = new ReadIndexQueue();
        queue.add(10, 1);
        queue.add(11, 1);
        queue.add(12, 2);

        assertEquals(List.of(), queue.release(0, true, 5));
        assertEquals(List.of(new ReadState(10, 5), new ReadState(11, 5)), queue.release(1, true, 5));
        assertEquals(List.of(new ReadState(12, 7)), queue.release(3, true, 7));
        assertEquals(List.of(), queue.release(9, true, 7), "each read is released once");
    }

    @Test
    void releasesNothingBeforeTheLeaderCommittedInItsTerm() {
        ReadIndexQueue queue = new ReadIndexQueue();
        queue.add(10, 1);

        assertEquals(List.of(), queue.release(5, false, 3));
        assertEquals(List.of(new ReadState(10, 4)), queue.release(5, true, 4));
    }

    @Test
    void abortingHandsBackEveryWaitingRead() {
        ReadIndexQueue queue = new ReadIndexQueue();
        queue.add(10, 1);
        queue.add(11, 2);

        assertEquals(List.of(10L, 11L), queue.abortAll());
        assertEquals(List.of(), queue.abortAll());
        assertEquals(List.of(), queue.release(9, true, 9));
    }
}
