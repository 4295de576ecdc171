package io.github.raftkit.transport.netty.codec;

import static io.github.raftkit.transport.netty.codec.FrameDecoderTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.transport.netty.Messages;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client frames are held to the same checks as Raft frames: each impossible input is refused with its reason. */
class ClientFrameDecoderTest {
    /** Where a client frame's fields start: the header, then the correlation id. */
    private static final int FIELDS = WireFormat.HEADER_BYTES + Long.BYTES;
    /** The group {@code g1} takes a length byte and two characters. */
    private static final int GROUP_BYTES = 3;

    @Test
    void truncatedClientFramesAreRefused() {
        for (Object frame : List.of(request(new ClientRequest.Write(Messages.GROUP, 1, 2, 1, new byte[40])),
                reply(new ClientReply.Rejected(ClientError.NOT_LEADER, "ask n2",
                        Optional.of(new Endpoint("127.0.0.1", 7001)))))) {
            byte[] bytes = Wire.encode(frame);
            byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);
            ByteBuffer.wrap(shorter).putInt(6, shorter.length - WireFormat.HEADER_BYTES);
            assertRefused(MalformedReason.BAD_BODY, shorter);
        }
    }

    @Test
    void unknownReadConsistencyCodeIsRefused() {
        byte[] frame = Wire.encode(request(new ClientRequest.Read(Messages.GROUP, ReadConsistency.STALE, new byte[3])));
        frame[FIELDS + GROUP_BYTES] = 3;
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void readWaitingNegativeOrBeyondTheLimitIsRefused() {
        byte[] frame = Wire.encode(request(new ClientRequest.Read(Messages.GROUP, ReadConsistency.LINEARIZABLE,
                new byte[3], Duration.ofSeconds(1))));
        ByteBuffer.wrap(frame).putInt(frame.length - Integer.BYTES, -1);
        assertRefused(MalformedReason.BAD_BODY, frame);
        ByteBuffer.wrap(frame).putInt(frame.length - Integer.BYTES,
                (int) ClientRequest.Read.MAX_WAIT.toMillis() + 1);
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void unknownErrorCodeIsRefused() {
        byte[] frame = Wire.encode(reply(new ClientReply.Rejected(ClientError.TIMEOUT, "", Optional.empty())));
        frame[FIELDS] = 0;
        assertRefused(MalformedReason.BAD_BODY, frame);
        frame[FIELDS] = 12;
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void forwardedRequestInsideAForwardedRequestIsRefused() {
        byte[] frame = Wire.encode(request(new ClientRequest.Forwarded(new ClientRequest.Register(Messages.GROUP))));
        frame[FIELDS] = (byte) FrameType.CLIENT_FORWARDED.code();
        MalformedFrameException refused = assertRefused(MalformedReason.BAD_BODY, frame);
        assertTrue(refused.getMessage().contains("forwarded"), refused.getMessage());
    }

    @Test
    void forwardedReplyOrRaftMessageIsRefused() {
        byte[] frame = Wire.encode(request(new ClientRequest.Forwarded(new ClientRequest.Register(Messages.GROUP))));
        for (FrameType inner : List.of(FrameType.CLIENT_RESULT, FrameType.REQUEST_VOTE, FrameType.HELLO)) {
            frame[FIELDS] = (byte) inner.code();
            assertRefused(MalformedReason.BAD_BODY, frame);
        }
    }

    @Test
    void clientFrameAnnouncingMoreThanTheLimitIsRefusedFromItsHeader() {
        assertRefused(MalformedReason.OVERSIZED, Wire.header(FrameType.CLIENT_WRITE.code(), Integer.MAX_VALUE));
        assertRefused(MalformedReason.OVERSIZED, Wire.header(FrameType.CLIENT_RESULT.code(),
                Wire.MAX_FRAME - WireFormat.HEADER_BYTES + 1));
    }

    @Test
    void payloadLengthBeyondTheBodyIsRefused() {
        byte[] frame = Wire.encode(reply(new ClientReply.Result(new byte[10])));
        ByteBuffer.wrap(frame).putInt(FIELDS, 1 << 30);
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void messageLongerThanTheTextLimitIsRefused() {
        byte[] frame = Wire.encode(reply(new ClientReply.Rejected(ClientError.INTERNAL, "x", Optional.empty())));
        ByteBuffer.wrap(frame).putShort(FIELDS + 1, (short) (ClientFrameWriter.MAX_TEXT_BYTES + 1));
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void undefinedFlagOrPortZeroInALeaderHintIsRefused() {
        ClientReply.Rejected notLeader = new ClientReply.Rejected(ClientError.NOT_LEADER, "",
                Optional.of(new Endpoint("h", 1)));
        byte[] flags = Wire.encode(reply(notLeader));
        int flagsAt = FIELDS + 1 + Short.BYTES;
        flags[flagsAt] = 3;
        assertRefused(MalformedReason.BAD_BODY, flags);

        byte[] portZero = Wire.encode(reply(notLeader));
        ByteBuffer.wrap(portZero).putShort(portZero.length - Short.BYTES, (short) 0);
        assertRefused(MalformedReason.BAD_BODY, portZero);
    }

    @Test
    void invalidRequestValuesAreRefused() {
        byte[] write = Wire.encode(request(new ClientRequest.Write(Messages.GROUP, 1, 2, 1, new byte[0])));
        ByteBuffer.wrap(write).putLong(FIELDS + GROUP_BYTES, 0); // client id 0: no session has it
        assertRefused(MalformedReason.BAD_BODY, write);

        byte[] registered = Wire.encode(reply(new ClientReply.Registered(5)));
        ByteBuffer.wrap(registered).putLong(FIELDS, -5);
        assertRefused(MalformedReason.BAD_BODY, registered);
    }

    @Test
    void leftoverBytesInAClientBodyAreRefused() {
        byte[] frame = Wire.encode(request(new ClientRequest.ReadBarrier(Messages.GROUP)));
        byte[] longer = Arrays.copyOf(frame, frame.length + 1);
        ByteBuffer.wrap(longer).putInt(6, longer.length - WireFormat.HEADER_BYTES);
        assertRefused(MalformedReason.BAD_BODY, longer);
    }

    @Test
    void longMessageIsCutWithoutSplittingACharacter() {
        String message = "a".repeat(ClientFrameWriter.MAX_MESSAGE_CHARS - 1) + "\uD83D\uDE00 and more";
        ClientReplyFrame decoded = (ClientReplyFrame) Wire.decode(Wire.encode(
                reply(new ClientReply.Rejected(ClientError.INTERNAL, message, Optional.empty())))).get(0);
        assertEquals("a".repeat(ClientFrameWriter.MAX_MESSAGE_CHARS - 1), ((ClientReply.Rejected) decoded.reply())
                .message());
    }

    @Test
    void leaderHintWithAnUnencodableHostIsLeftOut() {
        ClientReply.Rejected rejected = new ClientReply.Rejected(ClientError.NOT_LEADER, "",
                Optional.of(new Endpoint("h".repeat(ClientFrameWriter.MAX_HOST_BYTES + 1), 7001)));
        ClientReplyFrame decoded = (ClientReplyFrame) Wire.decode(Wire.encode(reply(rejected))).get(0);
        assertEquals(Optional.empty(), ((ClientReply.Rejected) decoded.reply()).leader());
    }

    private static ClientRequestFrame request(ClientRequest request) {
        return new ClientRequestFrame(42, request);
    }

    private static ClientReplyFrame reply(ClientReply reply) {
        return new ClientReplyFrame(42, reply);
    }
}
