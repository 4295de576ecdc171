package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.GROUP;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random inputs, many of them lies (wrong indexes, terms, hints, rounds, senders), from a seeded {@link Random}: the
 * engine must never throw and its term, commit index and apply order must stay monotonic. A failure names the seed
 * and the step, which replay exactly.
 */
@DisplayName("random and lying input never breaks the engine")
class RandomInputTest {
    private static final int SEEDS = 20;
    private static final int INPUTS_PER_SEED = 1_000;
    private static int leading;
    private static final List<NodeId> SENDERS = List.of(N2, N3, N2, N3, N2, N3, N1, NodeId.of("n9"));

    @Test // Figure 2: "currentTerm ... increases monotonically"; the engine's contract: never throw
    void randomInputNeverThrowsAndTermCommitAndApplyOnlyMoveForward() {
        leading = 0;
        int messages = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            messages += run(seed);
        }
        assertTrue(messages >= 10_000, "only " + messages + " messages");
        assertTrue(leading > 1_000, "the leader's side was barely exercised: " + leading + " steps");
    }

    private static int run(long seed) {
        Random random = new Random(seed);
        EngineFixture.Builder builder = node().seed(seed).maxEntriesPerAppend(1 + random.nextInt(4))
                .maxInflightAppends(1 + random.nextInt(3));
        if (random.nextBoolean()) {
            builder.preVote();
        }
        if (random.nextBoolean()) {
            builder.checkQuorum();
        }
        RaftEngine engine = builder.follower(0).engine;
        Inputs inputs = new Inputs(random, engine);
        long term = 0;
        long commit = 0;
        long applied = 0;
        int messages = 0;
        for (int step = 0; step < INPUTS_PER_SEED * 2 && messages < INPUTS_PER_SEED; step++) {
            String input = "?";
            try {
                int dice = random.nextInt(100);
                if (dice < 60) {
                    RaftMessage message = inputs.message();
                    input = message.toString();
                    engine.step(message);
                    messages++;
                } else if (dice < 75) {
                    input = "tick";
                    engine.tick();
                } else if (dice < 78) {
                    input = "campaign";
                    engine.campaign();
                } else if (dice < 84) {
                    input = "propose";
                    engine.propose(List.of(new byte[random.nextInt(8)], new byte[1]).subList(0, 1 + random.nextInt(2)));
                } else if (dice < 87) {
                    input = "readIndex";
                    engine.readIndex(step);
                } else if (dice < 88) {
                    input = "transferLeadership";
                    engine.transferLeadership(SENDERS.get(random.nextInt(SENDERS.size())));
                } else {
                    input = "ready";
                    boolean announced = engine.hasReady();
                    Ready ready = engine.ready();
                    assertEquals(announced, !ready.isEmpty(), "hasReady() tells whether ready() has anything");
                    for (LogEntry entry : ready.committed()) {
                        assertEquals(++applied, entry.index(), "apply order");
                    }
                    if (!ready.entries().isEmpty() && random.nextInt(5) > 0) {
                        LogEntry last = ready.entries().get(ready.entries().size() - 1);
                        input = "persisted " + last.index() + "@" + last.term();
                        engine.persisted(last.index(), last.term());
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                fail("seed " + seed + ", step " + step + ", input " + input + ": " + e, e);
            }
            String where = "seed " + seed + ", step " + step + ", after " + input;
            assertTrue(engine.term() >= term, where + ": term went from " + term + " to " + engine.term());
            assertTrue(engine.commitIndex() >= commit, where + ": commit went back");
            assertTrue(engine.commitIndex() <= engine.lastIndex(), where + ": commit beyond the log");
            if (engine.role() == Role.LEADER) {
                assertEquals(N1, engine.leader().orElseThrow(), where);
                leading++;
            }
            term = engine.term();
            commit = engine.commitIndex();
        }
        return messages;
    }

    /** Makes up messages near the engine's state, so that some are accepted, and many that are plain wrong. */
    private record Inputs(Random random, RaftEngine engine) {

        RaftMessage message() {
            NodeId from = SENDERS.get(random.nextInt(SENDERS.size()));
            NodeId to = random.nextInt(50) == 0 ? N2 : N1;
            GroupId group = random.nextInt(50) == 0 ? GroupId.of("other") : GROUP;
            long term = term();
            if (random.nextInt(5) == 0 && group == GROUP && to == N1) {
                return plausible(from);
            }
            return switch (random.nextInt(12)) {
                case 0, 1, 2, 3 -> append(group, from, to, term);
                case 4, 5, 6 -> new AppendEntriesResponse(group, from, to, term, random.nextBoolean(), index(),
                        index(), random.nextInt(3) == 0 ? 0 : term(), index(), random.nextInt(6) - 1);
                case 7 -> new RequestVote(group, from, to, term, index(), term(), random.nextBoolean(),
                        random.nextInt(5) == 0);
                case 8, 9 -> new RequestVoteResponse(group, from, to, term, random.nextBoolean(), random.nextBoolean());
                case 10 -> new TimeoutNow(group, from, to, term);
                default -> random.nextBoolean()
                        ? new InstallSnapshot(group, from, to, term, new SnapshotMetadata(index(), term(),
                                List.of(N1, N2, N3)), random.nextInt(3) * 2L, new byte[2], random.nextBoolean(),
                                random.nextLong())
                        : new InstallSnapshotResponse(group, from, to, term, index(), 0, random.nextBoolean());
            };
        }

        /** What an honest peer might well send now, so that elections are won and leaders get answers. */
        private RaftMessage plausible(NodeId from) {
            long term = engine.term();
            return switch (engine.role()) {
                case PRE_CANDIDATE -> new RequestVoteResponse(GROUP, from, N1, term + 1, true, random.nextInt(4) > 0);
                case CANDIDATE -> new RequestVoteResponse(GROUP, from, N1, term, false, random.nextInt(4) > 0);
                case LEADER -> new AppendEntriesResponse(GROUP, from, N1, term, random.nextInt(4) > 0,
                        random.nextInt((int) engine.lastIndex() + 1), engine.lastIndex() - random.nextInt(3), term(),
                        Math.max(0, engine.lastIndex() - random.nextInt(5)), random.nextInt(50));
                case FOLLOWER -> append(GROUP, from, N1, term);
            };
        }

        private AppendEntries append(GroupId group, NodeId from, NodeId to, long term) {
            long prevIndex = Math.max(0, index());
            long prevTerm = prevIndex == 0 ? 0
                    : random.nextInt(3) > 0 && engine.entry(prevIndex).isPresent()
                            ? engine.entry(prevIndex).get().term()
                            : 1 + random.nextInt((int) Math.min(term + 2, 1_000));
            if (random.nextInt(30) == 0) {
                prevIndex = random.nextInt(3) - 1;
            }
            List<LogEntry> entries = new ArrayList<>();
            int count = random.nextInt(4);
            long entryTerm = Math.max(1, prevTerm);
            for (int i = 0; i < count; i++) {
                long index = prevIndex + 1 + i;
                if (random.nextInt(20) == 0) {
                    index += random.nextInt(3) - 1;
                }
                if (random.nextInt(3) == 0) {
                    entryTerm += random.nextInt(2);
                }
                long lie = random.nextInt(25) == 0 ? random.nextInt(3) - 1 : 0;
                entries.add(LogEntry.command(Math.max(1, index), Math.max(1, Math.min(entryTerm, term) + lie),
                        new byte[] {(byte) i}));
            }
            long leaderCommit = random.nextInt(20) == 0 ? -1 : random.nextInt((int) (prevIndex + count + 3));
            return new AppendEntries(group, from, to, term, prevIndex, prevTerm, entries, leaderCommit,
                    random.nextInt(6) - 1);
        }

        /** A term near the engine's, sometimes far ahead or behind, occasionally negative. */
        private long term() {
            int dice = random.nextInt(100);
            if (dice < 2) {
                return -1;
            }
            if (dice < 5) {
                return engine.term() + random.nextInt(1_000);
            }
            return Math.max(0, engine.term() + random.nextInt(4) - 2);
        }

        /** An index near the end of the engine's log, sometimes far off. */
        private long index() {
            int dice = random.nextInt(100);
            if (dice < 3) {
                return random.nextInt(3) - 2;
            }
            if (dice < 6) {
                return engine.lastIndex() + random.nextInt(1_000_000);
            }
            return Math.max(0, engine.lastIndex() + random.nextInt(5) - 3);
        }
    }
}
