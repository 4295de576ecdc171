package io.github.raftkit.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checker itself, fed hand-made cluster states: each violation is reported under its own name. */
class InvariantCheckerTest {

    /** A member whose state the test sets by hand. */
    private static final class FakeNode implements NodeView {
        final NodeId id;
        long incarnation;
        Role role = Role.FOLLOWER;
        long term = 1;
        long commit;
        final LogMirror log = new LogMirror();
        final LogMirror durable = new LogMirror();
        final StateMachineChain stateMachine;

        FakeNode(String id) {
            this.id = NodeId.of(id);
            this.stateMachine = new StateMachineChain(this.id, new RegisterStateMachine());
        }

        /** Appends entries of these terms, durably. */
        FakeNode entries(long... terms) {
            for (long t : terms) {
                LogEntry entry = LogEntry.command(log.lastIndex() + 1, t, new RegisterCommand(log.lastIndex(), 0, 1).encode());
                log.append(entry);
                durable.append(entry);
            }
            return this;
        }

        FakeNode leads(long term) {
            this.role = Role.LEADER;
            this.term = term;
            return this;
        }

        public NodeId id() {
            return id;
        }

        public long incarnation() {
            return incarnation;
        }

        public boolean up() {
            return true;
        }

        public Role role() {
            return role;
        }

        public long term() {
            return term;
        }

        public long commitIndex() {
            return commit;
        }

        public LogView log() {
            return log;
        }

        public long takeLogChangedFrom() {
            return log.takeChangedFrom();
        }

        public LogView durableLog() {
            return durable;
        }

        public long appliedIndex() {
            return stateMachine.appliedIndex();
        }

        public long appliedHash() {
            return stateMachine.hash();
        }
    }

    private final InvariantChecker checker = new InvariantChecker(3);
    private FakeNode n1;
    private FakeNode n2;
    private FakeNode n3;
    private List<FakeNode> cluster;

    @BeforeEach
    void threeMembers() {
        n1 = new FakeNode("n1");
        n2 = new FakeNode("n2");
        n3 = new FakeNode("n3");
        cluster = new ArrayList<>(List.of(n1, n2, n3));
    }

    private Invariant violated() {
        return assertThrows(InvariantViolation.class, () -> checker.check(cluster)).invariant();
    }

    @Test
    void aHealthyClusterPasses() {
        n1.entries(1, 1).leads(1);
        n2.entries(1, 1);
        checker.check(cluster);
        n1.commit = 2;
        n2.commit = 1;
        n2.stateMachine.apply(LogEntry.command(1, 1, new RegisterCommand(0, 0, 1).encode()));
        checker.check(cluster);
        assertEquals(2, checker.committed());
        assertEquals(1, checker.elections());
    }

    @Test
    void twoLeadersInOneTermBreakElectionSafety() {
        n1.leads(2);
        checker.check(cluster);
        n2.leads(2);
        assertEquals(Invariant.ELECTION_SAFETY, violated());
    }

    @Test
    void sameIndexAndTermAfterDifferentPrefixesBreaksLogMatching() {
        n1.entries(1, 2);
        n2.entries(1);
        n2.log.append(LogEntry.command(2, 2, new RegisterCommand(42, 0, 1).encode()));
        assertEquals(Invariant.LOG_MATCHING, violated());
    }

    @Test
    void aLeaderRewritingItsLogBreaksLeaderAppendOnly() {
        n1.entries(1, 1).leads(2);
        checker.check(cluster);
        n1.log.truncateAfter(1);
        assertEquals(Invariant.LEADER_APPEND_ONLY, violated());
    }

    @Test
    void aNewLeaderWithoutACommittedEntryBreaksLeaderCompleteness() {
        n1.entries(1, 1).leads(1);
        n2.entries(1, 1);
        n1.commit = 2;
        checker.check(cluster);
        n3.entries(1).leads(2);
        assertEquals(Invariant.LEADER_COMPLETENESS, violated());
    }

    @Test
    void anEntryCommittedWhileALaterLeaderLacksItBreaksLeaderCompleteness() {
        n1.entries(1, 1).leads(1);
        n2.entries(1, 1);
        n3.entries(1).leads(2);
        checker.check(cluster);
        n1.commit = 2;
        assertEquals(Invariant.LEADER_COMPLETENESS, violated());
    }

    @Test
    void committingWhatFewerThanAMajorityStoreBreaksDurableCommit() {
        n1.entries(1).leads(1);
        n1.durable.truncateAfter(0);
        n2.entries(1);
        n2.durable.truncateAfter(0);
        n1.commit = 1;
        assertEquals(Invariant.DURABLE_COMMIT, violated());
    }

    @Test
    void commitGoingBackBreaksMonotonicCommit() {
        n1.entries(1, 1);
        n2.entries(1, 1);
        n1.commit = 2;
        checker.check(cluster);
        n1.commit = 1;
        assertEquals(Invariant.MONOTONIC_COMMIT, violated());
    }

    @Test
    void aRestartMayStartCommitOver() {
        n1.entries(1, 1);
        n2.entries(1, 1);
        n1.commit = 2;
        checker.check(cluster);
        n1.commit = 0;
        n1.incarnation++;
        checker.check(cluster);
    }

    @Test
    void applyingAnotherEntryThanWasCommittedBreaksStateMachineSafety() {
        n1.entries(1);
        n2.entries(1);
        n1.commit = 1;
        n1.stateMachine.apply(LogEntry.command(1, 1, new RegisterCommand(99, 0, 1).encode()));
        assertEquals(Invariant.STATE_MACHINE_SAFETY, violated());
    }

    @Test
    void applyingOutOfOrderBreaksMonotonicApply() {
        InvariantViolation violation = assertThrows(InvariantViolation.class,
                () -> n1.stateMachine.apply(LogEntry.command(2, 1, new RegisterCommand(1, 0, 1).encode())));
        assertEquals(Invariant.MONOTONIC_APPLY, violation.invariant());
    }
}
