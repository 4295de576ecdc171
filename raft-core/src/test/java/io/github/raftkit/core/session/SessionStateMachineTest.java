package io.github.raftkit.core.session;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.api.SessionPolicy;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.core.runtime.RegisterStateMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("dissertation §6.3: exactly-once client writes through replicated sessions")
class SessionStateMachineTest {
    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofSeconds(60), 3, 4, 1 << 20);
    private static final long T0 = 1_000_000;

    /** One replica: its session state machine, the user's beneath it, and the next log index. */
    private static final class Replica {
        final RegisterStateMachine user = new RegisterStateMachine();
        final SessionStateMachine sessions;
        long index;

        Replica(SessionPolicy policy) {
            sessions = new SessionStateMachine(user, policy);
        }

        /** Applies {@code entries} as one batch at the next indexes; returns the raw results. */
        List<byte[]> apply(byte[]... entries) {
            List<Command> commands = new ArrayList<>();
            for (byte[] entry : entries) {
                commands.add(new Command(++index, 1, entry));
            }
            return sessions.apply(commands);
        }

        long register(long millis) {
            return ((ClientReply.Registered) SessionReply.decode(apply(
                    SessionStateMachine.registerCommand(millis)).get(0), 0, 0)).clientId();
        }

        ClientReply write(long client, long sequence, long acknowledgedBelow, long millis, String command) {
            return SessionReply.decode(apply(writeEntry(client, sequence, acknowledgedBelow, millis, command)).get(0),
                    client, sequence);
        }
    }

    private static byte[] writeEntry(long client, long sequence, long acknowledgedBelow, long millis,
                                     String command) {
        return SessionStateMachine.writeCommand(client, sequence, acknowledgedBelow, millis, bytes(command));
    }

    private static String result(ClientReply reply) {
        return text(assertInstanceOf(ClientReply.Result.class, reply).value());
    }

    private static ClientError error(ClientReply reply) {
        return assertInstanceOf(ClientReply.Rejected.class, reply).error();
    }

    @Test // §6.3: the session remembers applied sequence numbers, and a retry gets the first result
    void aRetriedWriteIsAppliedOnceAndAnsweredWithTheFirstResult() {
        Replica replica = new Replica(POLICY);
        long client = replica.register(T0);

        String first = result(replica.write(client, 1, 1, T0, "x"));
        String retry = result(replica.write(client, 1, 1, T0 + 5, "x"));

        assertEquals(first, retry);
        assertEquals(List.of("x"), replica.user.history());
        assertEquals(1, replica.sessions.retriesAnswered());
    }

    @Test // §6.3: duplicates are decided entry by entry, whatever the batching
    void aDuplicateInTheSameBatchIsAppliedOnce() {
        Replica replica = new Replica(POLICY);
        long client = replica.register(T0);

        List<byte[]> results = replica.apply(writeEntry(client, 1, 1, T0, "x"), writeEntry(client, 1, 1, T0, "x"),
                writeEntry(client, 2, 1, T0, "y"));

        assertEquals(List.of("x", "y"), replica.user.history());
        assertArrayEquals(results.get(0), results.get(1));
    }

    @Test // §6.3: the reply cache is bounded; losing a result must never mean applying again
    void aRetryWhoseResultWasEvictedIsRefusedAndNotAppliedAgain() {
        Replica replica = new Replica(new SessionPolicy(Duration.ofSeconds(60), 3, 4, 1));
        long client = replica.register(T0);
        replica.write(client, 1, 1, T0, "x");

        assertEquals(ClientError.RESULT_UNAVAILABLE, error(replica.write(client, 1, 1, T0, "x")));
        assertEquals(List.of("x"), replica.user.history());
        assertEquals(1, replica.sessions.retriesUnanswerable());
    }

    @Test // §6.3: the client tells which results it no longer needs, so the session forgets them
    void aWriteBelowTheAcknowledgedFloorIsNeverAppliedAgain() {
        Replica replica = new Replica(POLICY);
        long client = replica.register(T0);
        replica.write(client, 1, 1, T0, "x");
        replica.write(client, 2, 2, T0, "y");

        assertEquals(ClientError.RESULT_UNAVAILABLE, error(replica.write(client, 1, 1, T0, "x")));
        assertEquals(List.of("x", "y"), replica.user.history());
    }

    @Test // §6.3: sessions expire by time that enters the log as data, the same on every replica
    void aSessionSilentLongerThanExpireAfterExpiresByLeaderTime() {
        Replica replica = new Replica(POLICY);
        long quiet = replica.register(T0);
        long busy = replica.register(T0);
        replica.write(busy, 1, 1, T0 + 59_000, "a");
        replica.write(busy, 2, 2, T0 + 61_000, "b");

        assertEquals(ClientError.SESSION_EXPIRED, error(replica.write(quiet, 1, 1, T0 + 61_000, "late")));
        assertEquals("b", text(replica.sessions.query(bytes(""))));
        assertEquals(List.of("a", "b"), replica.user.history());
    }

    @Test // §6.3: a new leader whose clock is behind must not bring expired sessions back
    void leaderTimeInTheTableNeverRunsBackwards() {
        Replica replica = new Replica(POLICY);
        long quiet = replica.register(T0);
        long other = replica.register(T0 + 120_000);

        assertEquals(ClientError.SESSION_EXPIRED, error(replica.write(quiet, 1, 1, T0, "stale clock")));
        assertInstanceOf(ClientReply.Result.class, replica.write(other, 1, 1, T0, "a clock behind is harmless"));
    }

    @Test // §6.3: the table is bounded; the longest-silent session makes room
    void openingMoreThanMaxSessionsEvictsTheLongestSilent() {
        Replica replica = new Replica(POLICY);
        long oldest = replica.register(T0);
        long second = replica.register(T0 + 1);
        long third = replica.register(T0 + 2);
        replica.write(oldest, 1, 1, T0 + 3, "keeps the oldest alive");

        replica.register(T0 + 4);

        assertEquals(ClientError.SESSION_EXPIRED, error(replica.write(second, 1, 1, T0 + 5, "evicted")));
        assertInstanceOf(ClientReply.Result.class, replica.write(oldest, 2, 2, T0 + 5, "still here"));
        assertInstanceOf(ClientReply.Result.class, replica.write(third, 1, 1, T0 + 5, "still here too"));
    }

    @Test // §6.3: a client that never acknowledges cannot grow its session without bound
    void aSessionRefusesMoreUnacknowledgedWritesThanTheCap() {
        Replica replica = new Replica(POLICY);
        long client = replica.register(T0);
        for (long sequence = 1; sequence <= 4; sequence++) {
            replica.write(client, sequence, 1, T0, "w" + sequence);
        }

        assertEquals(ClientError.TOO_MANY_UNACKNOWLEDGED, error(replica.write(client, 5, 1, T0, "w5")));
        assertInstanceOf(ClientReply.Result.class, replica.write(client, 5, 5, T0, "w5"));
        assertEquals(5, replica.user.history().size());
    }

    @Test // §6.3 and §7: the session table is part of the snapshot, so a restored replica skips the same duplicates
    void aReplicaRestoredFromASnapshotSkipsTheSameDuplicates() throws IOException {
        Replica original = new Replica(POLICY);
        long client = original.register(T0);
        original.write(client, 1, 1, T0, "x");
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        original.sessions.snapshot().writeTo(snapshot);

        Replica restored = new Replica(POLICY);
        restored.sessions.restore(new ByteArrayInputStream(snapshot.toByteArray()));
        restored.index = original.index;

        ClientReply retry = restored.write(client, 1, 1, T0, "x");
        assertEquals(ClientError.RESULT_UNAVAILABLE, error(retry));
        assertEquals(List.of("x"), restored.user.history());
        assertInstanceOf(ClientReply.Result.class, restored.write(client, 2, 2, T0, "y"));
    }

    @Test // determinism: replicas may batch differently and must still decide alike
    void replicasThatBatchDifferentlyDecideAlike() {
        List<byte[]> log = new ArrayList<>();
        log.add(SessionStateMachine.registerCommand(T0));
        for (int i = 0; i < 40; i++) {
            long sequence = 1 + i / 3;
            log.add(writeEntry(1, sequence, Math.max(1, sequence - 2), T0 + i, "c" + sequence));
        }
        Replica oneBatch = new Replica(POLICY);
        Replica single = new Replica(POLICY);
        List<byte[]> batched = oneBatch.apply(log.toArray(byte[][]::new));
        List<byte[]> oneByOne = new ArrayList<>();
        log.forEach(entry -> oneByOne.addAll(single.apply(entry)));

        assertEquals(oneBatch.user.history(), single.user.history());
        for (int i = 0; i < log.size(); i++) {
            assertArrayEquals(batched.get(i), oneByOne.get(i), "result of entry " + (i + 1));
        }
    }

    @Test
    void plainProposalsPassThroughUnchanged() {
        Replica replica = new Replica(POLICY);

        List<byte[]> results = replica.apply(SessionStateMachine.plainCommand(bytes("p")));

        assertEquals("1:p", text(results.get(0)));
        assertEquals(List.of("p"), replica.user.history());
    }

    @Test
    void aMalformedEntryIsRefusedAndNeverReachesTheStateMachine() {
        Replica replica = new Replica(POLICY);

        ClientReply reply = SessionReply.decode(replica.apply(new byte[] {9, 1, 2}).get(0), 0, 0);

        assertEquals(ClientError.BAD_REQUEST, error(reply));
        assertEquals(List.of(), replica.user.history());
    }

    @Test
    void aSnapshotWithoutTheSessionTableIsRefusedNamingTheCause() {
        Replica replica = new Replica(POLICY);

        IOException refused = assertThrows(IOException.class,
                () -> replica.sessions.restore(new ByteArrayInputStream(bytes("not a session snapshot"))));

        assertEquals(true, refused.getMessage().contains("session table"), refused.getMessage());
    }
}
