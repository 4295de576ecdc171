package io.github.raftkit.transport.netty.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;

/**
 * Cuts a connection's bytes into frames and decodes them into {@link io.github.raftkit.api.message.RaftMessage}s,
 * {@link Hello}s, {@link ClientRequestFrame}s and {@link ClientReplyFrame}s. The header is checked as soon as its bytes are there, so garbage, an unknown type or an oversized
 * length is refused before the body is awaited; the bytes buffered never exceed one maximum frame plus one read.
 *
 * <p>Any refusal throws {@link MalformedFrameException}; the decoder then ignores the rest of the connection's input
 * and the connection handler closes it. A reader-idle event while part of a frame is buffered is refused as
 * {@link MalformedReason#STALLED}. One instance per connection; its event loop thread only.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private final FrameTraffic traffic;
    private boolean failed;

    /**
     * @param maxFrameBytes the largest frame accepted, header included
     * @param traffic told about each frame decoded
     */
    public FrameDecoder(int maxFrameBytes, FrameTraffic traffic) {
        if (maxFrameBytes < WireFormat.MIN_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maximum frame size " + maxFrameBytes + " is below "
                    + WireFormat.MIN_MAX_FRAME_BYTES);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.traffic = traffic;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < WireFormat.HEADER_BYTES) {
            checkMagicPrefix(in);
            return;
        }
        int start = in.readerIndex();
        FrameType type = checkHeader(in, start);
        long bodyLength = in.getUnsignedInt(start + 6);
        if (bodyLength > maxFrameBytes - WireFormat.HEADER_BYTES) {
            throw fail(MalformedReason.OVERSIZED, "body of " + bodyLength + " bytes exceeds the frame limit of "
                    + maxFrameBytes);
        }
        int frameBytes = WireFormat.HEADER_BYTES + (int) bodyLength;
        if (in.readableBytes() < frameBytes) {
            return;
        }
        Object value;
        try {
            value = FrameReader.read(type, in.slice(start + WireFormat.HEADER_BYTES, (int) bodyLength));
        } catch (MalformedFrameException e) {
            failed = true;
            throw e;
        }
        in.skipBytes(frameBytes);
        traffic.received(frameBytes);
        out.add(value);
    }

    /** Whether part of a frame is buffered: a peer that stops here is stalled, not idle. */
    public boolean holdsPartialFrame() {
        return actualReadableBytes() > 0;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !failed && holdsPartialFrame()) {
            ctx.fireExceptionCaught(fail(MalformedReason.STALLED, actualReadableBytes()
                    + " bytes of an unfinished frame, then nothing"));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** Refuses garbage after its first bytes rather than after a whole header. */
    private void checkMagicPrefix(ByteBuf in) {
        int start = in.readerIndex();
        for (int i = 0; i < Math.min(4, in.readableBytes()); i++) {
            int expected = (WireFormat.MAGIC >>> (24 - 8 * i)) & 0xFF;
            if (in.getUnsignedByte(start + i) != expected) {
                throw fail(MalformedReason.BAD_MAGIC, "does not start with the raftkit magic number");
            }
        }
    }

    private FrameType checkHeader(ByteBuf in, int start) {
        int magic = in.getInt(start);
        if (magic != WireFormat.MAGIC) {
            throw fail(MalformedReason.BAD_MAGIC, "magic 0x" + Integer.toHexString(magic) + " is not raftkit's");
        }
        int version = in.getUnsignedByte(start + 4);
        if (version != WireFormat.VERSION) {
            throw fail(MalformedReason.BAD_VERSION, "protocol version " + version + ", this node speaks "
                    + WireFormat.VERSION);
        }
        int code = in.getUnsignedByte(start + 5);
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw fail(MalformedReason.UNKNOWN_TYPE, "unknown frame type 0x" + Integer.toHexString(code));
        }
        return type;
    }

    private MalformedFrameException fail(MalformedReason reason, String detail) {
        failed = true;
        return new MalformedFrameException(reason, detail);
    }
}
