package io.github.raftkit.api.client;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.ReadConsistency;
import java.time.Duration;
import java.util.Objects;

/**
 * What a client asks of a member. A closed set: each kind is answered by the {@link ClientReply} its javadoc names,
 * or by {@link ClientReply.Rejected}. Immutable, except that byte arrays are shared, not copied: neither side may
 * change them once handed over.
 */
public sealed interface ClientRequest {

    /** The group the request is for. */
    GroupId group();

    /**
     * Opens a session for exactly-once writes (dissertation §6.3). Answered by {@link ClientReply.Registered} with
     * the new client id, which is the index of the log entry that registered it.
     */
    record Register(GroupId group) implements ClientRequest {
        public Register {
            Objects.requireNonNull(group, "group");
        }
    }

    /**
     * A command, applied at most once per {@code (clientId, sequence)} however often it is sent. Answered by
     * {@link ClientReply.Result} with the state machine's result.
     *
     * @param clientId the session's id from {@link Register}
     * @param sequence the command's number within the session, from 1, never reused for another command
     * @param acknowledgedBelow every sequence number below this one has been answered to the client, so the members
     *     may forget those commands (at most {@code sequence})
     * @param command the command's bytes
     */
    record Write(GroupId group, long clientId, long sequence, long acknowledgedBelow, byte[] command)
            implements ClientRequest {
        public Write {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(command, "command");
            if (clientId <= 0 || sequence <= 0 || acknowledgedBelow < 1 || acknowledgedBelow > sequence) {
                throw new IllegalArgumentException("write needs clientId > 0, sequence > 0 and 1 <= acknowledgedBelow"
                        + " <= sequence; got client " + clientId + ", sequence " + sequence + ", acknowledgedBelow "
                        + acknowledgedBelow);
            }
        }
    }

    /**
     * A read-only query with the freshness asked for. Answered by {@link ClientReply.Result}.
     *
     * @param maxWait how long the member may hold the read for a state machine with
     *     {@link io.github.raftkit.api.statemachine.BlockingQueries} to have the answer it waits for; zero answers at
     *     once. At most {@link #MAX_WAIT}; a member also caps it at half its request timeout, so that the read is
     *     answered before the member times it out.
     */
    record Read(GroupId group, ReadConsistency consistency, byte[] query, Duration maxWait) implements ClientRequest {
        /** The longest wait a read may ask for. */
        public static final Duration MAX_WAIT = Duration.ofMinutes(10);

        public Read {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(consistency, "consistency");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.compareTo(MAX_WAIT) > 0) {
                throw new IllegalArgumentException("a read may wait from 0 to " + MAX_WAIT + ", not " + maxWait);
            }
        }

        /** A read answered at once. */
        public Read(GroupId group, ReadConsistency consistency, byte[] query) {
            this(group, consistency, query, Duration.ZERO);
        }
    }

    /**
     * Asks the leader for a read index (dissertation §6.4): the commit index once it has confirmed it still leads.
     * A follower sends it to serve a linearizable read itself. Answered by {@link ClientReply.ReadIndex}.
     */
    record ReadBarrier(GroupId group) implements ClientRequest {
        public ReadBarrier {
            Objects.requireNonNull(group, "group");
        }
    }

    /**
     * A request a follower passes on to the leader for a client that asked the follower. A member that is not the
     * leader answers it with {@link ClientError#NOT_LEADER} instead of forwarding it again, so requests never loop.
     */
    record Forwarded(ClientRequest request) implements ClientRequest {
        public Forwarded {
            Objects.requireNonNull(request, "request");
            if (request instanceof Forwarded) {
                throw new IllegalArgumentException("a forwarded request is forwarded only once");
            }
        }

        @Override
        public GroupId group() {
            return request.group();
        }
    }
}
