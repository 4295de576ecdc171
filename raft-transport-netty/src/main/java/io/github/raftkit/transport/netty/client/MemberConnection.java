package io.github.raftkit.transport.netty.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.RequestRejectedException;
import io.github.raftkit.transport.netty.codec.ClientReplyFrame;
import io.github.raftkit.transport.netty.codec.ClientRequestFrame;
import io.github.raftkit.transport.netty.codec.FrameWriter;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One client connection to one member, from its dial to its loss, and the calls awaiting replies on it, by
 * correlation id. A call leaves the map as its future completes: by reply, by timeout (scheduled on the connection's
 * event loop, so all calls share its timer), or by the connection's loss, which fails every call still waiting with
 * the reason. A lost connection is never used again; the next call dials a new one.
 *
 * <p>A call that times out on a connection that has not heard a single reply since the call was sent gives the
 * connection up as well: a member whose host died leaves no reset behind, and without this every later call to it
 * would wait out its whole timeout on a socket nobody answers.
 *
 * <p>Thread-safe: calls come from any thread, replies and losses on the event loop.
 */
public final class MemberConnection {
    private final Endpoint endpoint;
    private final int maxFrameBytes;
    private final Consumer<MemberConnection> onLost;
    private final Map<Long, CompletableFuture<ClientReply>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> lost = new AtomicReference<>();
    private volatile long lastReplyNanos = System.nanoTime();
    private ChannelFuture connected;

    MemberConnection(Endpoint endpoint, int maxFrameBytes, Consumer<MemberConnection> onLost) {
        this.endpoint = endpoint;
        this.maxFrameBytes = maxFrameBytes;
        this.onLost = onLost;
    }

    /** Set once by the dialer, before the connection is handed to anyone. */
    void connecting(ChannelFuture dial) {
        this.connected = dial;
        dial.addListener(done -> {
            if (!done.isSuccess()) {
                lost(new IOException("cannot reach " + endpoint + ": " + done.cause(), done.cause()));
            }
        });
    }

    /** The member this connection leads to. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Whether calls may still be made: the connection is dialling or up. */
    public boolean usable() {
        return lost.get() == null;
    }

    /** Calls awaiting replies. */
    public int pending() {
        return pending.size();
    }

    /**
     * Sends {@code request} under {@code correlationId}, unique among this transport's calls.
     *
     * @return completes with the reply, or fails with {@link RaftTimeoutException} after {@code timeout}, with an
     *     {@link IOException} naming the endpoint if the connection fails first, or with whatever {@link #close} gave
     */
    public CompletableFuture<ClientReply> call(long correlationId, ClientRequest request, Duration timeout) {
        ClientRequestFrame frame = new ClientRequestFrame(correlationId, request);
        int size = FrameWriter.frameSize(frame);
        if (size > maxFrameBytes) {
            return CompletableFuture.failedFuture(new RequestRejectedException(ClientError.BAD_REQUEST, "the request"
                    + " takes " + size + " bytes, more than netty.maxFrameBytes (" + maxFrameBytes + ")"));
        }
        CompletableFuture<ClientReply> reply = new CompletableFuture<>();
        pending.put(correlationId, reply);
        long sent = System.nanoTime();
        ScheduledFuture<?> deadline = connected.channel().eventLoop().schedule(() -> timedOut(reply, sent, timeout),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((answer, error) -> {
            pending.remove(correlationId);
            deadline.cancel(false);
        });
        // Checked after the call is in the map: a loss either sees the call there or is seen here.
        Throwable failure = lost.get();
        if (failure != null) {
            reply.completeExceptionally(failure);
            return reply;
        }
        connected.addListener(dial -> {
            if (dial.isSuccess()) {
                connected.channel().writeAndFlush(frame).addListener(written -> {
                    if (!written.isSuccess()) {
                        reply.completeExceptionally(new IOException("cannot send to " + endpoint + ": "
                                + written.cause(), written.cause()));
                    }
                });
            }
        });
        return reply;
    }

    private void timedOut(CompletableFuture<ClientReply> call, long sentNanos, Duration timeout) {
        if (!call.completeExceptionally(new RaftTimeoutException("no reply from " + endpoint + " within "
                + timeout.toMillis() + " ms"))) {
            return;
        }
        if (lastReplyNanos - sentNanos < 0) {
            close(new IOException("connection to " + endpoint + " given up: not one reply for "
                    + timeout.toMillis() + " ms"));
        }
    }

    /** Completes the call the reply answers, if it still waits. Event loop thread. */
    void replied(ClientReplyFrame frame) {
        lastReplyNanos = System.nanoTime();
        CompletableFuture<ClientReply> call = pending.get(frame.correlationId());
        if (call != null) {
            call.complete(frame.reply());
        }
    }

    /** Marks the connection lost for {@code cause}, the first one winning, and fails every call with it. */
    void lost(Throwable cause) {
        if (lost.compareAndSet(null, cause)) {
            onLost.accept(this);
        }
        Throwable reason = lost.get();
        pending.values().forEach(call -> call.completeExceptionally(reason));
    }

    /** Fails every call with {@code cause} and closes the connection. */
    public void close(Throwable cause) {
        lost(cause);
        connected.channel().close();
    }
}
