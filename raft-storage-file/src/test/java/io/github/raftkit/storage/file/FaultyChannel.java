package io.github.raftkit.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file channel that fails on demand: once {@link Faults#failWrites} or {@link Faults#failForce} is set, writes
 * or fsyncs throw the given {@link IOException}, as a dying disk or a full volume would. Everything else goes to the
 * real file. This is the one stand-in the tests use, because a failing fsync cannot be produced on demand.
 */
public final class FaultyChannel extends FileChannel {

    /** The switches shared by every channel an opener made. */
    public static final class Faults {
        public volatile IOException failWrites;
        public volatile IOException failForce;

        /** An opener whose channels obey these switches. */
        public ChannelOpener opener() {
            return (path, options) -> new FaultyChannel(FileChannel.open(path, options), this);
        }
    }

    private final FileChannel real;
    private final Faults faults;

    private FaultyChannel(FileChannel real, Faults faults) {
        this.real = real;
        this.faults = faults;
    }

    private void checkWrite() throws IOException {
        IOException failure = faults.failWrites;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        checkWrite();
        return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        checkWrite();
        return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        checkWrite();
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        IOException failure = faults.failForce;
        if (failure != null) {
            throw failure;
        }
        real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        checkWrite();
        return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        checkWrite();
        return real.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
