package io.github.raftkit.examples.kv.command;

/**
 * Why the store refused a command or a query. A refused command is still applied, as a no-op with this error as its
 * result, identically on every replica. The codes are stable wire values, so front ends can map them (a Redis front
 * end answers {@code -ERR value is not an integer or out of range} for {@link #NOT_AN_INTEGER} and {@link #OVERFLOW}).
 */
public enum KvError {
    /** The request's bytes do not decode: wrong version, unknown operation, truncated or trailing bytes. */
    MALFORMED(1),
    /** A key is longer than {@link KvLimits#maxKeyBytes()}. */
    KEY_TOO_LARGE(2),
    /** A value is longer than {@link KvLimits#maxValueBytes()}. */
    VALUE_TOO_LARGE(3),
    /** An increment found a value that is not a decimal 64-bit integer in ASCII. */
    NOT_AN_INTEGER(4),
    /** An increment would leave the signed 64-bit range. */
    OVERFLOW(5),
    /** An argument is out of its range, such as a limit below 1 or an empty list of keys. */
    INVALID_ARGUMENT(6);

    private final int code;

    KvError(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The error with that wire value, or {@link #MALFORMED} for one this version does not know. */
    public static KvError ofCode(int code) {
        for (KvError error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        return MALFORMED;
    }
}
