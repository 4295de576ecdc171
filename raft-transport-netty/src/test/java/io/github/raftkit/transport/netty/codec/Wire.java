package io.github.raftkit.transport.netty.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Value equality, also for records holding byte arrays (snapshot chunks, client commands and results), which
     * records compare by reference: records component by component, arrays and optionals by content.
     */
    public static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || same(x.get(), y.get()));
        }
        if (a instanceof Record && a.getClass() == b.getClass()) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                if (!same(value(component, a), value(component, b))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
