package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.message.InstallSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Encodes frames to bytes and feeds bytes through a {@link FrameDecoder}, for codec and connection tests. */
public final class Wire {
    static final int MAX_FRAME = WireFormat.MIN_MAX_FRAME_BYTES;

    private Wire() {
    }

    /** The frame's bytes. */
    public static byte[] encode(Object frame) {
        ByteBuf buf = FrameWriter.write(PooledByteBufAllocator.DEFAULT, frame);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** A bare header announcing {@code bodyLength} bytes of frame type {@code type}. */
    public static byte[] header(int type, int bodyLength) {
        ByteBuf buf = Unpooled.buffer(WireFormat.HEADER_BYTES);
        buf.writeInt(WireFormat.MAGIC).writeByte(WireFormat.VERSION).writeByte(type).writeInt(bodyLength);
        return buf.array();
    }

    /** Feeds {@code chunks} one read at a time and returns what came out; a refusal throws. */
    static List<Object> decode(int maxFrame, byte[]... chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(maxFrame, FrameTraffic.NONE));
        try {
            for (byte[] chunk : chunks) {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
            List<Object> out = new ArrayList<>();
            Object next;
            while ((next = channel.readInbound()) != null) {
                out.add(next);
            }
            return out;
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    static List<Object> decode(byte[]... chunks) {
        return decode(MAX_FRAME, chunks);
    }

    /** Value equality, also for snapshot chunks, whose record compares arrays by reference. */
    static boolean same(Object a, Object b) {
        if (a instanceof InstallSnapshot x && b instanceof InstallSnapshot y) {
            return x.group().equals(y.group()) && x.from().equals(y.from()) && x.to().equals(y.to())
                    && x.term() == y.term() && x.snapshot().equals(y.snapshot()) && x.offset() == y.offset()
                    && x.checksum() == y.checksum() && x.done() == y.done() && Arrays.equals(x.chunk(), y.chunk());
        }
        return a.equals(b);
    }
}
