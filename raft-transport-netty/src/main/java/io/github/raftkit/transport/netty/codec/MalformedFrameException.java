package io.github.raftkit.transport.netty.codec;

import io.netty.handler.codec.DecoderException;

/**
 * Input from a connection that cannot be a valid frame. The connection that sent it is closed; nothing else is
 * affected. Thrown on the connection's event loop thread.
 */
public final class MalformedFrameException extends DecoderException {
    private final MalformedReason reason;

    public MalformedFrameException(MalformedReason reason, String detail) {
        super(reason.tag() + ": " + detail);
        this.reason = reason;
    }

    /** No stack trace: the reason and detail say everything, and a hostile peer should not make us walk stacks. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The reason, also the counter's tag. */
    public MalformedReason reason() {
        return reason;
    }
}
