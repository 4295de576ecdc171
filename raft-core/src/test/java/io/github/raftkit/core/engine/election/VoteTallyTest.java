package io.github.raftkit.core.engine.election;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.core.engine.election.VoteTally.Result;
import org.junit.jupiter.api.Test;

/** §5.2: "A candidate wins an election if it receives votes from a majority of the servers in the full cluster". */
class VoteTallyTest {
    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N3 = NodeId.of("n3");
    private static final NodeId N4 = NodeId.of("n4");

    @Test
    void majorityOfGrantsWins() {
        VoteTally tally = new VoteTally(3, 2);

        assertEquals(Result.PENDING, tally.record(N1, true));
        assertEquals(Result.WON, tally.record(N2, true));
    }

    @Test
    void electionIsLostOnceTooFewMembersAreLeftToGrant() {
        VoteTally tally = new VoteTally(4, 3);
        tally.record(N1, true);

        assertEquals(Result.PENDING, tally.record(N2, false));
        assertEquals(Result.LOST, tally.record(N3, false), "two refusals of four leave no majority of three");
    }

    @Test
    void aMembersFirstAnswerIsItsOnlyAnswer() {
        VoteTally tally = new VoteTally(3, 2);
        tally.record(N1, true);

        tally.record(N2, false);
        assertEquals(Result.PENDING, tally.record(N2, true), "a later grant does not undo a refusal");
        assertEquals(Result.LOST, tally.record(N3, false));
    }

    @Test
    void duplicateGrantCountsOnce() {
        VoteTally tally = new VoteTally(5, 3);
        tally.record(N1, true);

        tally.record(N2, true);
        assertEquals(Result.PENDING, tally.record(N2, true));
        assertEquals(Result.WON, tally.record(N4, true));
    }
}
