package io.github.raftkit.transport.netty.metrics;

import java.util.Locale;

/** Why an outbound message was not sent; the {@code reason} tag of the dropped-message counter. */
public enum DropReason {
    /** The peer's outbound queue was at its message or byte limit. */
    QUEUE_FULL,
    /** The message's frame would exceed the maximum frame size the peer accepts. */
    TOO_LARGE,
    /** The message cannot be expressed on the wire (entries not consecutive from {@code prevLogIndex + 1}). */
    UNENCODABLE,
    /** The receiver is not a member this transport knows. */
    UNKNOWN_PEER,
    /** The transport was closed. */
    CLOSED,
    /** The connection failed while the message was being written. */
    WRITE_FAILED;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
