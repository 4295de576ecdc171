package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientError;

/**
 * The wire codes of the enums client frames carry. Fixed here rather than taken from {@code ordinal()}, so that
 * reordering or adding a constant in the API can never change what a byte means. Stateless.
 */
final class ClientCodes {
    private ClientCodes() {
    }

    static int code(ReadConsistency consistency) {
        return switch (consistency) {
            case LINEARIZABLE -> 0;
            case LEASE -> 1;
            case STALE -> 2;
        };
    }

    static ReadConsistency consistency(int code) {
        return switch (code) {
            case 0 -> ReadConsistency.LINEARIZABLE;
            case 1 -> ReadConsistency.LEASE;
            case 2 -> ReadConsistency.STALE;
            default -> throw new IllegalArgumentException("unknown read consistency " + code);
        };
    }

    static int code(ClientError error) {
        return switch (error) {
            case NOT_LEADER -> 1;
            case OVERLOADED -> 2;
            case TIMEOUT -> 3;
            case SHUTDOWN -> 4;
            case SESSION_EXPIRED -> 5;
            case RESULT_UNAVAILABLE -> 6;
            case TOO_MANY_UNACKNOWLEDGED -> 7;
            case UNKNOWN_GROUP -> 8;
            case BAD_REQUEST -> 9;
            case QUERY_FAILED -> 10;
            case INTERNAL -> 11;
        };
    }

    static ClientError error(int code) {
        return switch (code) {
            case 1 -> ClientError.NOT_LEADER;
            case 2 -> ClientError.OVERLOADED;
            case 3 -> ClientError.TIMEOUT;
            case 4 -> ClientError.SHUTDOWN;
            case 5 -> ClientError.SESSION_EXPIRED;
            case 6 -> ClientError.RESULT_UNAVAILABLE;
            case 7 -> ClientError.TOO_MANY_UNACKNOWLEDGED;
            case 8 -> ClientError.UNKNOWN_GROUP;
            case 9 -> ClientError.BAD_REQUEST;
            case 10 -> ClientError.QUERY_FAILED;
            case 11 -> ClientError.INTERNAL;
            default -> throw new IllegalArgumentException("unknown client error " + code);
        };
    }
}
