package io.github.raftkit.core.runtime;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot I/O that must not hold up applying or the engine loop, on two threads of its own: one writes the
 * snapshots this member takes (the state machine's view streams into the snapshot store while applying goes on), the
 * other reads the chunks a leader sends to followers, one chunk at a time, from a stream it keeps open per follower.
 * Neither ever holds more than a buffer and a chunk of a snapshot in memory.
 *
 * <p>Every snapshot's size and CRC32C are remembered once known (written here, received by the storage stage, or
 * read once from the store), because the last chunk of a transfer carries the checksum of the whole.
 */
final class SnapshotStage {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStage.class);

    /** A snapshot's size and checksum. */
    record Digest(long size, long crc) {
    }

    /**
     * Write a snapshot the apply thread took.
     *
     * @param waiting callers of {@code RaftServer.snapshot()} to complete once it is written
     */
    record Write(SnapshotMetadata metadata, Snapshot view, List<CompletableFuture<SnapshotMetadata>> waiting,
                 long startNanos) {
    }

    /** A follower's transfer in progress: the stream is at {@code position}. */
    private static final class Transfer {
        final SnapshotMetadata metadata;
        final InputStream in;
        final boolean fromStart;
        long position;
        final long startNanos = System.nanoTime();

        Transfer(SnapshotMetadata metadata, InputStream in, long offset) {
            this.metadata = metadata;
            this.in = in;
            this.fromStart = offset == 0;
        }
    }

    private final String member;
    private final GroupId group;
    private final NodeId self;
    private final SnapshotStore store;
    private final Transport transport;
    private final int chunkBytes;
    private final NodeMetrics metrics;
    private final Consumer<LoopEvent> loop;
    private final Consumer<ApplyStage.SnapshotWritten> written;
    private final BatchWorker<Write> writer;
    private final BatchWorker<SnapshotSend> sender;
    private final Map<SnapshotMetadata, Digest> digests = new ConcurrentHashMap<>();
    private final Map<NodeId, Transfer> transfers = new HashMap<>(); // sender thread only

    /**
     * @param loop where to report snapshots written and snapshots that could not be read
     * @param written told (on the writer thread) when a write ended, written or not, so another may start
     */
    SnapshotStage(String member, GroupId group, NodeId self, SnapshotStore store, Transport transport,
                  int chunkBytes, NodeMetrics metrics, Consumer<LoopEvent> loop,
                  Consumer<ApplyStage.SnapshotWritten> written,
                  ThreadFactory threads, Consumer<Throwable> onFailure) {
        this.member = member;
        this.group = group;
        this.self = self;
        this.store = store;
        this.transport = transport;
        this.chunkBytes = chunkBytes;
        this.metrics = metrics;
        this.loop = loop;
        this.written = written;
        this.writer = new BatchWorker<>("snapshot-write", threads, 1, batch -> batch.forEach(this::writeNow), onFailure);
        this.sender = new BatchWorker<>("snapshot-send", threads, Integer.MAX_VALUE,
                batch -> batch.forEach(this::sendNow), onFailure);
    }

    void start() {
        writer.start();
        sender.start();
    }

    void stop() {
        writer.stop();
        sender.stop();
    }

    void join() throws InterruptedException {
        writer.join();
        sender.join();
        transfers.values().forEach(t -> closeQuietly(t.in));
    }

    /** Queues a snapshot to write; called from the apply thread. */
    void submitWrite(Write write) {
        writer.submit(write);
    }

    /** Queues a chunk to send; called from the engine loop. */
    void submitSend(SnapshotSend send) {
        sender.submit(send);
    }

    /** Remembers the size and checksum of a snapshot this member received; called from the storage thread. */
    void received(SnapshotMetadata metadata, Digest digest) {
        digests.put(metadata, digest);
    }

    private void writeNow(Write write) {
        SnapshotMetadata metadata = write.metadata();
        boolean success = false;
        try (SnapshotWriter out = store.create(metadata)) {
            CRC32C crc = new CRC32C();
            CountingStream counted = new CountingStream(new CheckedOutputStream(out.output(), crc));
            try (OutputStream buffered = new BufferedOutputStream(counted, 64 << 10)) {
                write.view().writeTo(buffered);
            }
            out.commit();
            digests.put(metadata, new Digest(counted.count, crc.getValue()));
            metrics.snapshotTaken(counted.count, System.nanoTime() - write.startNanos());
            LOG.info("{}: snapshot through index {} (term {}) written, {} bytes", member,
                    metadata.lastIncludedIndex(), metadata.lastIncludedTerm(), counted.count);
            success = true;
            loop.accept(new LoopEvent.SnapshotTaken(metadata));
            write.waiting().forEach(future -> future.complete(metadata));
        } catch (IOException | RuntimeException e) {
            // A snapshot that could not be written is abandoned; the log simply stays longer until the next one.
            LOG.warn("{}: snapshot through index {} failed: {}", member, metadata.lastIncludedIndex(), e.toString());
            StorageException failure = new StorageException(member + ": snapshot through index "
                    + metadata.lastIncludedIndex() + " failed: " + e.getMessage(), e);
            write.waiting().forEach(future -> future.completeExceptionally(failure));
        } finally {
            written.accept(new ApplyStage.SnapshotWritten(metadata, success));
        }
    }

    private void sendNow(SnapshotSend send) {
        Transfer transfer = transfers.get(send.to());
        try {
            if (transfer == null || !transfer.metadata.equals(send.snapshot()) || send.offset() < transfer.position) {
                if (transfer != null) {
                    closeQuietly(transfer.in);
                }
                transfer = new Transfer(send.snapshot(), store.open(send.snapshot()), send.offset());
                transfers.put(send.to(), transfer);
            }
            transfer.in.skipNBytes(send.offset() - transfer.position);
            transfer.position = send.offset();
            Digest digest = digest(send.snapshot());
            byte[] chunk = transfer.in.readNBytes((int) Math.min(chunkBytes, Math.max(0,
                    digest.size() - send.offset())));
            transfer.position += chunk.length;
            boolean done = transfer.position >= digest.size();
            transport.send(new InstallSnapshot(group, self, send.to(), send.term(), send.snapshot(), send.offset(),
                    chunk, done, done ? digest.crc() : 0));
            if (done && transfer.fromStart) {
                // Timed only from the first byte: a resent last chunk (the follower was still installing) is no
                // transfer of its own.
                metrics.snapshotSent(System.nanoTime() - transfer.startNanos);
                LOG.info("{}: sent snapshot through index {} ({} bytes) to {}", member,
                        send.snapshot().lastIncludedIndex(), digest.size(), send.to());
            }
            if (done) {
                closeQuietly(transfer.in);
                transfers.remove(send.to());
            }
        } catch (IOException | RuntimeException e) {
            // Most likely a newer snapshot replaced this one in the store: the engine starts over with the newest.
            LOG.info("{}: cannot read snapshot through index {} for {}: {}", member,
                    send.snapshot().lastIncludedIndex(), send.to(), e.toString());
            if (transfer != null) {
                closeQuietly(transfer.in);
            }
            transfers.remove(send.to());
            loop.accept(new LoopEvent.SnapshotUnreadable(send.to()));
        }
    }

    /** The size and checksum of a snapshot, read once from the store when not known (one recovered at start-up). */
    private Digest digest(SnapshotMetadata metadata) throws IOException {
        Digest known = digests.get(metadata);
        if (known != null) {
            return known;
        }
        CRC32C crc = new CRC32C();
        long size = 0;
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = store.open(metadata)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        Digest digest = new Digest(size, crc.getValue());
        digests.put(metadata, digest);
        return digest;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was written through it; there is nothing to lose.
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush(); // the writer owns the underlying stream
        }
    }
}
