package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MIN;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.N4;
import static io.github.raftkit.core.engine.EngineFixture.N5;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.Role;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §6.2: "a leader steps down if an election timeout elapses without a successful round of heartbeats to
 * a majority of its cluster", so that clients stop waiting on a leader that cannot commit.
 */
@DisplayName("§6.2 CheckQuorum")
class CheckQuorumTest {

    @Test // §6.2
    void leaderStepsDownWhenItHearsFromNoMajorityForAnElectionTimeout() {
        EngineFixture n1 = node().checkQuorum().leader(2);

        n1.tick(ELECTION_MIN - 1);
        assertEquals(Role.LEADER, n1.engine.role());
        n1.tick(1);

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(2, n1.engine.term(), "stepping down raises no term");
        assertEquals(Optional.empty(), n1.engine.leader());
    }

    @Test // §6.2
    void leaderThatHearsFromAMajorityEveryElectionTimeoutStaysLeader() {
        EngineFixture n1 = node().members(N1, N2, N3, N4, N5).checkQuorum().leader(2);

        for (int period = 0; period < 5; period++) {
            n1.step(ack(N2, 2, 0));
            n1.tick(ELECTION_MIN / 2);
            n1.step(ack(N4, 2, 0));
            n1.tick(ELECTION_MIN - ELECTION_MIN / 2);
            n1.ready();
        }

        assertEquals(Role.LEADER, n1.engine.role());
    }

    @Test // §6.2: a minority, counting the leader, is not enough
    void leaderThatHearsOnlyFromAMinorityStepsDown() {
        EngineFixture n1 = node().members(N1, N2, N3, N4, N5).checkQuorum().leader(2);

        n1.step(ack(N2, 2, 0));
        n1.tick(ELECTION_MIN);

        assertEquals(Role.FOLLOWER, n1.engine.role());
    }

    @Test // §6.2: the check is optional
    void withoutCheckQuorumAnIsolatedLeaderKeepsLeading() {
        EngineFixture n1 = node().leader(2);

        n1.tick(ELECTION_MIN * 5);

        assertEquals(Role.LEADER, n1.engine.role());
    }
}
