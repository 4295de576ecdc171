package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.transport.netty.codec.FrameWriter;
import io.github.raftkit.transport.netty.metrics.DropReason;
import io.github.raftkit.transport.netty.metrics.PeerMeters;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything this node sends to one peer: two bounded lanes and the one connection currently attached, whichever side
 * dialled it.
 *
 * <p>Small messages (votes, heartbeats, responses) take the control lane and are always written first; appends with
 * entries and snapshot chunks take the bulk lane and are written only while the connection is below its write-buffer
 * high-water mark. So a heartbeat waits behind at most a high-water mark of bulk bytes, never behind a whole queue of
 * appends (Raft needs heartbeats on time more than it needs appends in order).
 *
 * <p>Writes are consolidated: a drain on the connection's event loop writes everything queued, up to a batch, and
 * flushes once. While no connection is attached, messages wait in the lanes within their bounds.
 *
 * <p><b>Threading.</b> {@link #send} is called from the engine's thread and never blocks; attach, detach and the
 * drain run on event loop threads.
 */
public final class PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    /** Messages written per drain before yielding the event loop to other connections. */
    private static final int DRAIN_BATCH = 512;
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final NodeId peer;
    private final PeerMeters meters;
    private final int maxFrameBytes;
    private final OutboundLane control;
    private final OutboundLane bulk;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);
    private final ChannelFutureListener countFailedWrite;
    private volatile Channel channel;

    public PeerLink(NodeId peer, PeerMeters meters, int maxFrameBytes, int queueMessages, long queueBytes) {
        this.peer = peer;
        this.meters = meters;
        this.maxFrameBytes = maxFrameBytes;
        this.control = new OutboundLane(queueMessages, queueBytes);
        this.bulk = new OutboundLane(queueMessages, queueBytes);
        this.countFailedWrite = future -> {
            if (!future.isSuccess()) {
                meters.dropped(DropReason.WRITE_FAILED);
            }
        };
    }

    /** The peer this link leads to. */
    public NodeId peer() {
        return peer;
    }

    /** This peer's meters. */
    public PeerMeters meters() {
        return meters;
    }

    /** Queues a message for the peer, or drops and counts it; never blocks. */
    public void send(RaftMessage message) {
        int frameBytes;
        try {
            frameBytes = FrameWriter.frameSize(message);
        } catch (IllegalArgumentException e) {
            drop(DropReason.UNENCODABLE, e.getMessage());
            return;
        }
        if (frameBytes > maxFrameBytes) {
            drop(DropReason.TOO_LARGE, "a " + frameBytes + "-byte frame exceeds the limit of " + maxFrameBytes);
            return;
        }
        OutboundLane lane = isBulk(message) ? bulk : control;
        if (!lane.offer(message, frameBytes)) {
            drop(DropReason.QUEUE_FULL, "the outbound queue is full");
            return;
        }
        scheduleDrain();
    }

    /** Messages waiting in both lanes. */
    public int queued() {
        return control.size() + bulk.size();
    }

    /** Makes {@code connection} the one this link writes to, closing any it replaces. Event loop thread. */
    public void attach(Channel connection) {
        Channel previous = channel;
        channel = connection;
        if (previous != null && previous != connection) {
            LOG.info("connection to {} replaced by a newer one from {}", peer, connection.remoteAddress());
            previous.close();
        }
        scheduleDrain();
    }

    /** Forgets {@code connection} if it is the attached one. Event loop thread. */
    public void detach(Channel connection) {
        if (channel == connection) {
            channel = null;
        }
    }

    /** Schedules a drain on the attached connection's event loop unless one is pending. Any thread. */
    public void scheduleDrain() {
        Channel attached = channel;
        if (attached != null && drainScheduled.compareAndSet(false, true)) {
            attached.eventLoop().execute(this::drain);
        }
    }

    /** Closes the connection and drops what is queued, counting it. */
    public void close() {
        Channel attached = channel;
        channel = null;
        if (attached != null) {
            attached.close();
        }
        int dropped = control.clear() + bulk.clear();
        for (int i = 0; i < dropped; i++) {
            meters.dropped(DropReason.CLOSED);
        }
    }

    private void drain() {
        // Cleared first: a message offered during this drain schedules another, so none is stranded.
        drainScheduled.set(false);
        Channel attached = channel;
        if (attached == null || !attached.isActive()) {
            return;
        }
        int written = 0;
        RaftMessage message;
        while (written < DRAIN_BATCH && (message = control.poll()) != null) {
            attached.write(message, attached.newPromise().addListener(countFailedWrite));
            written++;
        }
        while (written < DRAIN_BATCH && attached.isWritable() && (message = bulk.poll()) != null) {
            attached.write(message, attached.newPromise().addListener(countFailedWrite));
            written++;
        }
        if (written > 0) {
            attached.flush();
        }
        // Bulk left behind an unwritable connection waits for the writability event, which drains again.
        if (!control.isEmpty() || (attached.isWritable() && !bulk.isEmpty())) {
            scheduleDrain();
        }
    }

    private static boolean isBulk(RaftMessage message) {
        return message instanceof InstallSnapshot
                || (message instanceof AppendEntries append && !append.entries().isEmpty());
    }

    private void drop(DropReason reason, String detail) {
        meters.dropped(reason);
        // One line per peer every few seconds: a peer that is down must not flood the log.
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLog.compareAndSet(last, now)) {
            LOG.warn("dropping messages to {} ({}): {}; counted in raft.transport.dropped", peer, reason.tag(),
                    detail);
        }
    }
}
