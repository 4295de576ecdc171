package io.github.raftkit.transport.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.transport.netty.codec.FrameType;
import io.github.raftkit.transport.netty.codec.Hello;
import io.github.raftkit.transport.netty.codec.MalformedReason;
import io.github.raftkit.transport.netty.codec.Wire;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile or broken client connects to n2 over loopback and sends what no peer would. Each time n2 closes that
 * connection alone, counts the reason, and goes on talking with n1. Frame checks come before the hello check, so
 * most inputs need no hello to reach the check they test.
 */
class HostileConnectionTest {
    /** Short, so stalled connections close quickly, yet long enough for a cold JVM on a busy machine. */
    private static final int IDLE_MILLIS = 1000;
    private static TestCluster cluster;
    private static TestCluster.Running n1;
    private static TestCluster.Running n2;
    private static long term;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(2, Map.of("netty.idleTimeoutMillis", String.valueOf(IDLE_MILLIS),
                "netty.maxFrameBytes", String.valueOf(1 << 20)));
        n1 = cluster.start("n1");
        n2 = cluster.start("n2");
        assertPeersStillTalk();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void randomBytesCloseOnlyThatConnection() {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        garbage[0] = 'X';
        assertClosedFor(MalformedReason.BAD_MAGIC, garbage);
    }

    @Test
    void lengthFieldOfTwoGibibytesIsRefusedWithoutWaitingForTheBody() {
        assertClosedFor(MalformedReason.OVERSIZED, Wire.header(FrameType.APPEND_ENTRIES.code(), Integer.MAX_VALUE));
    }

    @Test
    void wrongMagicIsRefused() {
        byte[] frame = Wire.encode(new Hello(NodeId.of("n1"), NodeId.of("n2")));
        frame[0] ^= 0x20;
        assertClosedFor(MalformedReason.BAD_MAGIC, frame);
    }

    @Test
    void wrongVersionIsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[4] = 9;
        assertClosedFor(MalformedReason.BAD_VERSION, frame);
    }

    @Test
    void unknownTypeIsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[5] = (byte) 0xC3;
        assertClosedFor(MalformedReason.UNKNOWN_TYPE, frame);
    }

    @Test
    void validFrameWithAnImpossibleBodyIsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[frame.length - 1] = (byte) 0xF0; // flag bits no version defines
        assertClosedFor(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void truncatedFrameThenSilenceIsClosedAfterTheIdleTimeout() {
        byte[] frame = Wire.encode(Messages.append("n1", "n2", 0, 4, 100));
        assertClosedFor(MalformedReason.STALLED, Arrays.copyOf(frame, frame.length / 2));
    }

    @Test
    void halfAHeaderThenSilenceIsClosedAfterTheIdleTimeout() {
        assertClosedFor(MalformedReason.STALLED, Arrays.copyOf(Wire.encode(Messages.vote("n1", "n2", 1)), 5));
    }

    @Test
    void messageWithoutHelloIsRefused() {
        assertClosedFor(MalformedReason.BAD_HELLO, Wire.encode(Messages.vote("n1", "n2", 1)));
    }

    @Test
    void helloFromAStrangerIsRefused() {
        assertClosedFor(MalformedReason.BAD_HELLO, Wire.encode(new Hello(NodeId.of("n0"), NodeId.of("n2"))));
    }

    @Test
    void connectionThatSaysNothingIsClosedAfterTheIdleTimeout() {
        assertClosedFor(MalformedReason.BAD_HELLO, new byte[0]);
    }

    @Test
    void heapDoesNotGrowUnderRepeatedHostileInput() {
        int append = FrameType.APPEND_ENTRIES.code();
        List<byte[]> hostile = List.of(Wire.header(append, Integer.MAX_VALUE), Wire.header(append, 1 << 20),
                Wire.header(FrameType.INSTALL_SNAPSHOT.code(), Integer.MAX_VALUE),
                new byte[] {'R', 'A', 'F', 'T', 1, 3, 0x7F, -1, -1, -1});
        long before = usedHeapAfterGc();
        for (int round = 0; round < 20; round++) {
            for (byte[] input : hostile) {
                sendAndAwaitClose(input);
            }
        }
        long grown = usedHeapAfterGc() - before;
        // Sixteen times the cap of what a node may buffer for one connection; a decoder that trusted the length
        // fields would have tried to allocate gibibytes.
        assertTrue(grown < 16L << 20, "heap grew by " + grown + " bytes");
        assertPeersStillTalk();
    }

    private static void assertClosedFor(MalformedReason reason, byte[] input) {
        double before = malformed(reason);
        sendAndAwaitClose(input);
        Eventually.await("n2 counts " + reason.tag(), () -> malformed(reason) == before + 1);
        assertPeersStillTalk();
    }

    private static void sendAndAwaitClose(byte[] input) {
        RawConnection.sendAndAwaitClose(cluster.endpoint("n2"), input);
    }

    private static void assertPeersStillTalk() {
        long t = ++term;
        // Sent again on every poll: a message written into a connection as it closes may be lost, as Raft allows.
        Eventually.await("n1 and n2 exchange term " + t, () -> {
            n1.transport().send(Messages.vote("n1", "n2", t));
            n2.transport().send(Messages.vote("n2", "n1", t));
            return n1.inbox().stream().anyMatch(m -> m.term() == t) && n2.inbox().stream().anyMatch(m -> m.term() == t);
        });
    }

    private static double malformed(MalformedReason reason) {
        return n2.meters().get("raft.transport.malformed").tag("reason", reason.tag()).counter().count();
    }



    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
