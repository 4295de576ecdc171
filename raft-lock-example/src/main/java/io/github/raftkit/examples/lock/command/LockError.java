package io.github.raftkit.examples.lock.command;

/** Why the lock service refused a command or a query. Each comes with a message naming the session or lock. */
public enum LockError {
    /** The bytes are not a command or query of this service. */
    MALFORMED,
    /** No such session was ever opened, or it was closed. */
    UNKNOWN_SESSION,
    /** The session expired: its holder stopped keeping it alive for longer than its time to live. */
    SESSION_EXPIRED,
    /** A release or a query about a lock that the session does not hold. */
    NOT_HELD,
    /** A cancel or a wait for a lock that the session is not waiting for. */
    NOT_WAITING,
    /** A time to live outside the allowed range. */
    INVALID_TTL,
    /** A lock name that is empty, too long, or has control characters. */
    INVALID_NAME,
    /** A shared holder asked for the same lock exclusively; upgrading could deadlock two readers, so it is refused. */
    UPGRADE_NOT_SUPPORTED,
    /** A bound on sessions, waiters or locks per session was reached. */
    LIMIT_REACHED
}
