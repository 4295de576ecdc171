package io.github.raftkit.transport.netty.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.transport.netty.Messages;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of hostile input is refused with its own reason, before the decoder buffers more than a frame. */
class FrameDecoderTest {

    @Test
    void wrongMagicIsRefusedAfterItsFirstByte() {
        assertRefused(MalformedReason.BAD_MAGIC, new byte[] {'G'});
        assertRefused(MalformedReason.BAD_MAGIC, "GET / HTTP/1.1\r\n".getBytes());
    }

    @Test
    void wrongVersionIsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[4] = (byte) (WireFormat.VERSION + 1);
        assertRefused(MalformedReason.BAD_VERSION, frame);
        frame[4] = (byte) (WireFormat.VERSION - 1); // a peer from before a read could be held
        assertRefused(MalformedReason.BAD_VERSION, frame);
    }

    @Test
    void unknownTypeIsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[5] = (byte) 0xEE;
        assertRefused(MalformedReason.UNKNOWN_TYPE, frame);
    }

    @Test
    void unassignedCodeInTheClientRangeIsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[5] = (byte) 0x5F;
        assertRefused(MalformedReason.UNKNOWN_TYPE, frame);
    }

    @Test
    void lengthOfTwoGibibytesIsRefusedFromTheHeaderAlone() {
        byte[] header = Wire.header(FrameType.APPEND_ENTRIES.code(), 0x7FFF_FFFF);
        assertRefused(MalformedReason.OVERSIZED, header);
        assertRefused(MalformedReason.OVERSIZED, Wire.header(FrameType.APPEND_ENTRIES.code(), 0xFFFF_FFFF));
    }

    @Test
    void lengthJustOverTheLimitIsRefused() {
        assertRefused(MalformedReason.OVERSIZED, Wire.header(FrameType.TIMEOUT_NOW.code(),
                Wire.MAX_FRAME - WireFormat.HEADER_BYTES + 1));
    }

    @Test
    void truncatedFrameYieldsNothingAndHoldsItsBytes() {
        byte[] frame = Wire.encode(Messages.append("n1", "n2", 5, 3, 100));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(Wire.MAX_FRAME, FrameTraffic.NONE));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(frame, frame.length - 1)));
        assertNull(channel.readInbound());
        assertTrue(channel.pipeline().get(FrameDecoder.class).holdsPartialFrame());
        channel.finishAndReleaseAll();
    }

    @Test
    void partialFrameAtAnIdleEventIsRefusedAsStalled() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(Wire.MAX_FRAME, FrameTraffic.NONE));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(frame, 7)));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        MalformedFrameException refused = assertThrows(MalformedFrameException.class, channel::checkException);
        assertEquals(MalformedReason.STALLED, refused.reason());
        channel.finishAndReleaseAll();
    }

    @Test
    void idleEventBetweenFramesIsNotARefusal() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(Wire.MAX_FRAME, FrameTraffic.NONE));
        channel.writeInbound(Unpooled.wrappedBuffer(Wire.encode(Messages.vote("n1", "n2", 1))));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.checkException();
        assertFalse(channel.pipeline().get(FrameDecoder.class).holdsPartialFrame());
        channel.finishAndReleaseAll();
    }

    @Test
    void entryCountLargerThanTheBodyIsRefusedWithoutAllocating() {
        byte[] frame = Wire.encode(Messages.append("n1", "n2", 5, 1, 10));
        ByteBuffer.wrap(frame).putInt(countOffset(frame), Integer.MAX_VALUE);
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void payloadLengthBeyondTheBodyIsRefused() {
        byte[] frame = Wire.encode(Messages.append("n1", "n2", 5, 1, 10));
        ByteBuffer.wrap(frame).putInt(frame.length - 10 - Integer.BYTES, 1 << 30);
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void validFrameWithAnImpossibleBodyIsRefused() {
        byte[] zeroTerm = Wire.encode(Messages.append("n1", "n2", 5, 1, 10));
        // The entry's term, first field after the count: 0 is no term an entry can have.
        ByteBuffer.wrap(zeroTerm).putLong(countOffset(zeroTerm) + Integer.BYTES, 0);
        assertRefused(MalformedReason.BAD_BODY, zeroTerm);

        byte[] unknownFlag = Wire.encode(Messages.vote("n1", "n2", 1));
        unknownFlag[unknownFlag.length - 1] = (byte) 0x80;
        assertRefused(MalformedReason.BAD_BODY, unknownFlag);

        byte[] negativeTerm = Wire.encode(Messages.vote("n1", "n2", 1));
        ByteBuffer.wrap(negativeTerm).putLong(WireFormat.HEADER_BYTES + 3 + 3 + 3, -1);
        assertRefused(MalformedReason.BAD_BODY, negativeTerm);
    }

    @Test
    void leftoverBytesInABodyAreRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        byte[] longer = Arrays.copyOf(frame, frame.length + 3);
        ByteBuffer.wrap(longer).putInt(6, frame.length + 3 - WireFormat.HEADER_BYTES);
        assertRefused(MalformedReason.BAD_BODY, longer);
    }

    @Test
    void idThatIsNotUtf8IsRefused() {
        byte[] frame = Wire.encode(Messages.vote("n1", "n2", 1));
        frame[WireFormat.HEADER_BYTES + 1] = (byte) 0xFF;
        assertRefused(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void framesArrivingByteByByteDecodeInOrder() {
        AppendEntries first = Messages.append("n1", "n2", 5, 2, 100);
        AppendEntries second = Messages.heartbeat("n1", "n2", 9);
        byte[] first1 = Wire.encode(first);
        byte[] both = Arrays.copyOf(first1, first1.length + Wire.encode(second).length);
        System.arraycopy(Wire.encode(second), 0, both, first1.length, both.length - first1.length);
        byte[][] bytes = new byte[both.length][];
        for (int i = 0; i < both.length; i++) {
            bytes[i] = new byte[] {both[i]};
        }
        assertEquals(List.of(first, second), Wire.decode(bytes));
    }

    @Test
    void afterARefusalTheRestOfTheInputIsIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(Wire.MAX_FRAME, FrameTraffic.NONE));
        assertThrows(MalformedFrameException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1})));
        channel.writeInbound(Unpooled.wrappedBuffer(Wire.encode(Messages.vote("n1", "n2", 1))));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void nonConsecutiveEntriesCannotBeEncoded() {
        AppendEntries gap = new AppendEntries(Messages.GROUP, NodeId.of("n1"), NodeId.of("n2"), 2, 5, 2,
                List.of(LogEntry.command(7, 2, new byte[1])), 5, 0);
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.frameSize(gap));
    }

    /** Where the entry count of an append from n1 to n2 in group g1 sits. */
    private static int countOffset(byte[] frame) {
        return WireFormat.HEADER_BYTES + 3 + 3 + 3 + Long.BYTES + 4 * Long.BYTES;
    }

    static MalformedFrameException assertRefused(MalformedReason reason, byte[] input) {
        MalformedFrameException refused = assertThrows(MalformedFrameException.class, () -> Wire.decode(input));
        assertEquals(reason, refused.reason(), refused.getMessage());
        return refused;
    }
}
