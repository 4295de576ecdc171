package io.github.raftkit.transport.netty.codec;

import java.util.Locale;

/**
 * Why a connection's input was refused. Each value is the {@code reason} tag of the malformed-frame counter, so the
 * set stays small and fixed.
 */
public enum MalformedReason {
    /** The frame does not start with the protocol's magic number: not a raftkit peer. */
    BAD_MAGIC,
    /** A protocol version this node does not speak. */
    BAD_VERSION,
    /** A type code this version does not know. */
    UNKNOWN_TYPE,
    /** A length field above the maximum frame size. */
    OVERSIZED,
    /** A body that does not parse, has bytes left over, or holds values no valid message can have. */
    BAD_BODY,
    /** Part of a frame arrived and the rest did not come within the idle timeout. */
    STALLED,
    /** A connection that did not introduce itself properly, or introduced itself as someone it may not be. */
    BAD_HELLO,
    /** A message whose sender or receiver does not match the connection it came on. */
    MISADDRESSED,
    /** Client traffic on a member's connection; Raft traffic, a hello or a reply on a client's connection. */
    MIXED_TRAFFIC;

    /** The tag value: lower case, as meters are usually tagged. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
