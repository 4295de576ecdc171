package io.github.raftkit.core.runtime;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.core.session.SessionReply;
import io.github.raftkit.core.session.SessionStateMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * A member's answers to client requests. The leader serves writes through the session table (dissertation §6.3),
 * stamping them with its wall clock, and reads with the freshness asked for. A follower forwards writes and lease
 * reads to the leader, answers linearizable reads itself after asking the leader for a read index (§6.4), and stale
 * reads at once. A forwarded request is never forwarded again.
 *
 * <p>Called from transport threads; never blocks. Every reply future completes, with a {@link ClientReply.Rejected}
 * naming the cause rather than exceptionally, by the member's request timeout at the latest, since every request
 * holds a slot of the member's pending requests while it waits.
 */
final class ClientService implements ClientHandler {

    /** What the service needs of its member. */
    interface Member {
        ServerStatus status();

        /** Proposes an entry already wrapped for the session state machine. */
        CompletableFuture<byte[]> proposeEntry(byte[] entry, String what);

        /** A read, held up to {@code maxWait} for a state machine with blocking queries. */
        CompletableFuture<byte[]> read(byte[] query, ReadConsistency consistency, Duration maxWait);

        /** The leader's read index, once it confirmed it still leads. */
        CompletableFuture<Long> readBarrier();

        /** Answers {@code query} once this member has applied through {@code index}. */
        CompletableFuture<byte[]> readAt(long index, byte[] query, Duration maxWait);

        /** Passes {@code request} to the leader at {@code leader}, holding a pending slot meanwhile. */
        Optional<CompletableFuture<ClientReply>> forward(Endpoint leader, ClientRequest.Forwarded request);
    }

    private static final Map<ReadConsistency, String> READ_TYPES = new EnumMap<>(ReadConsistency.class);

    static {
        for (ReadConsistency consistency : ReadConsistency.values()) {
            READ_TYPES.put(consistency, "read." + consistency.name().toLowerCase(Locale.ROOT));
        }
    }

    private final GroupId group;
    private final NodeId self;
    private final Membership membership;
    private final Member member;
    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private final NodeMetrics metrics;

    ClientService(GroupId group, NodeId self, Membership membership, Member member, LongSupplier wallMillis,
                  LongSupplier monotonicNanos, NodeMetrics metrics) {
        this.group = group;
        this.self = self;
        this.membership = membership;
        this.member = member;
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<ClientReply> handle(ClientRequest request) {
        long start = monotonicNanos.getAsLong();
        CompletableFuture<ClientReply> reply;
        try {
            reply = request.group().equals(group) ? route(request) : CompletableFuture.completedFuture(
                    rejected(ClientError.UNKNOWN_GROUP, self + " serves group " + group + ", not " + request.group()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(this::rejection).whenComplete((answer, error) -> metrics.clientRequest(
                type(request), outcome(answer), monotonicNanos.getAsLong() - start));
    }

    private CompletableFuture<ClientReply> route(ClientRequest request) {
        ServerStatus status = member.status();
        boolean leading = status.role() == Role.LEADER;
        if (request instanceof ClientRequest.Forwarded forwarded) {
            ClientRequest inner = forwarded.request();
            boolean servedAnywhere = inner instanceof ClientRequest.Read read
                    && read.consistency() == ReadConsistency.STALE;
            return leading || servedAnywhere ? serveLocally(inner) : notLeader(status);
        }
        if (leading) {
            return serveLocally(request);
        }
        if (request instanceof ClientRequest.Read read && read.consistency() != ReadConsistency.LEASE) {
            return read.consistency() == ReadConsistency.STALE ? serveLocally(read) : followerRead(read, status);
        }
        if (request instanceof ClientRequest.ReadBarrier) {
            return notLeader(status);
        }
        return forward(request, status);
    }

    /** Serves a request as the leader would (a stale read is served by anyone). */
    private CompletableFuture<ClientReply> serveLocally(ClientRequest request) {
        if (request instanceof ClientRequest.Register) {
            return member.proposeEntry(SessionStateMachine.registerCommand(wallMillis.getAsLong()), "registration")
                    .thenApply(result -> SessionReply.decode(result, 0, 0));
        } else if (request instanceof ClientRequest.Write write) {
            byte[] entry = SessionStateMachine.writeCommand(write.clientId(), write.sequence(),
                    write.acknowledgedBelow(), wallMillis.getAsLong(), write.command());
            return member.proposeEntry(entry, "write")
                    .thenApply(result -> SessionReply.decode(result, write.clientId(), write.sequence()));
        } else if (request instanceof ClientRequest.Read read) {
            return member.read(read.query(), read.consistency(), read.maxWait()).thenApply(ClientReply.Result::new);
        } else if (request instanceof ClientRequest.ReadBarrier) {
            return member.readBarrier().thenApply(ClientReply.ReadIndex::new);
        }
        throw new IllegalStateException("cannot serve " + request.getClass().getSimpleName() + " here");
    }

    /** A linearizable read at a follower: the leader's read index, then the local state once applied that far. */
    private CompletableFuture<ClientReply> followerRead(ClientRequest.Read read, ServerStatus status) {
        Optional<Endpoint> leader = leaderEndpoint(status);
        if (leader.isEmpty()) {
            return notLeader(status);
        }
        return member.forward(leader.get(), new ClientRequest.Forwarded(new ClientRequest.ReadBarrier(group)))
                .map(barrier -> barrier.thenCompose(answer -> answer instanceof ClientReply.ReadIndex index
                        ? member.readAt(index.index(), read.query(), read.maxWait())
                                .thenApply(ClientReply.Result::new)
                        : CompletableFuture.completedFuture(answer)))
                .orElseGet(() -> notLeader(status));
    }

    private CompletableFuture<ClientReply> forward(ClientRequest request, ServerStatus status) {
        return leaderEndpoint(status)
                .flatMap(leader -> member.forward(leader, new ClientRequest.Forwarded(request)))
                .orElseGet(() -> notLeader(status));
    }

    private Optional<Endpoint> leaderEndpoint(ServerStatus status) {
        return status.leader().filter(leader -> !leader.equals(self)).map(membership::endpoint);
    }

    private CompletableFuture<ClientReply> notLeader(ServerStatus status) {
        return CompletableFuture.completedFuture(notLeaderReply(status.leader()));
    }

    private ClientReply notLeaderReply(Optional<NodeId> hint) {
        Optional<NodeId> leader = hint.filter(l -> !l.equals(self));
        return new ClientReply.Rejected(ClientError.NOT_LEADER, new NotLeaderException(self, leader).getMessage(),
                leader.map(membership::endpoint));
    }

    /** The typed reply for a failure; anything unexpected is INTERNAL, with its message. */
    private ClientReply rejection(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof NotLeaderException notLeader) {
            return notLeaderReply(notLeader.leaderHint());
        } else if (cause instanceof OverloadedException) {
            return rejected(ClientError.OVERLOADED, cause.getMessage());
        } else if (cause instanceof RaftTimeoutException) {
            return rejected(ClientError.TIMEOUT, cause.getMessage());
        } else if (cause instanceof ShutdownException) {
            return rejected(ClientError.SHUTDOWN, cause.getMessage());
        } else if (cause instanceof IOException) {
            // The leader may have received a forwarded write before the link failed: its outcome is unknown.
            return rejected(ClientError.TIMEOUT, self + " lost the leader while forwarding: " + cause.getMessage());
        } else if (cause instanceof RaftException) {
            return rejected(ClientError.INTERNAL, cause.getMessage());
        }
        return rejected(ClientError.QUERY_FAILED, self + ": the state machine failed the query: " + cause);
    }

    private static ClientReply rejected(ClientError error, String message) {
        return new ClientReply.Rejected(error, message, Optional.empty());
    }

    /** The {@code type} tag of a request's meters; constants, since it is computed for every request. */
    private static String type(ClientRequest request) {
        ClientRequest inner = request instanceof ClientRequest.Forwarded f ? f.request() : request;
        if (inner instanceof ClientRequest.Read read) {
            return READ_TYPES.get(read.consistency());
        }
        return inner instanceof ClientRequest.Write ? "write" : inner instanceof ClientRequest.Register ? "register"
                : "readbarrier";
    }

    private static String outcome(ClientReply reply) {
        return reply instanceof ClientReply.Rejected rejected ? rejected.error().name().toLowerCase(Locale.ROOT)
                : "ok";
    }
}
