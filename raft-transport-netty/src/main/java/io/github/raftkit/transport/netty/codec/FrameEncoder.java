package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.message.RaftMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes outbound {@link RaftMessage}s, {@link Hello}s and client frames with {@link FrameWriter}; anything else
 * passes through.
 * One instance per connection; its event loop thread only.
 */
public final class FrameEncoder extends MessageToMessageEncoder<Object> {
    private final FrameTraffic traffic;

    public FrameEncoder(FrameTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof RaftMessage || msg instanceof Hello || msg instanceof ClientRequestFrame
                || msg instanceof ClientReplyFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        ByteBuf frame = FrameWriter.write(ctx.alloc(), msg);
        traffic.sent(frame.readableBytes());
        out.add(frame);
    }
}
