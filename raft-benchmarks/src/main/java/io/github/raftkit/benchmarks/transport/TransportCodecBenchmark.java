package io.github.raftkit.benchmarks.transport;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.transport.netty.codec.FrameReader;
import io.github.raftkit.transport.netty.codec.FrameType;
import io.github.raftkit.transport.netty.codec.FrameWriter;
import io.github.raftkit.transport.netty.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encode and decode throughput of an AppendEntries with 1 or 64 entries of 100 bytes, next to the baseline of
 * copying the same payload bytes into a pooled buffer (the least any encoder must do). One benchmark thread; the
 * state is confined to it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransportCodecBenchmark {
    private static final int PAYLOAD_BYTES = 100;

    @Param({"1", "64"})
    public int entries;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private AppendEntries message;
    private ByteBuf encoded;
    private ByteBuf body;

    @Setup
    public void setUp() {
        List<LogEntry> list = new ArrayList<>(entries);
        for (int i = 1; i <= entries; i++) {
            byte[] data = new byte[PAYLOAD_BYTES];
            data[0] = (byte) i;
            list.add(LogEntry.command(1000 + i, 7, data));
        }
        message = new AppendEntries(GroupId.of("group-1"), NodeId.of("n1"), NodeId.of("n2"), 7, 1000, 7, list, 990, 42);
        encoded = FrameWriter.write(alloc, message);
        body = encoded.slice(WireFormat.HEADER_BYTES, encoded.readableBytes() - WireFormat.HEADER_BYTES);
    }

    @TearDown
    public void tearDown() {
        encoded.release();
    }

    @Benchmark
    public int encode() {
        ByteBuf frame = FrameWriter.write(alloc, message);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    @Benchmark
    public Object decode() {
        body.readerIndex(0);
        return FrameReader.read(FrameType.APPEND_ENTRIES, body);
    }

    @Benchmark
    public int baselineCopyPayloads() {
        ByteBuf frame = alloc.buffer(entries * PAYLOAD_BYTES);
        for (LogEntry entry : message.entries()) {
            frame.writeBytes(entry.data());
        }
        int size = frame.readableBytes();
        frame.release();
        return size;
    }
}
