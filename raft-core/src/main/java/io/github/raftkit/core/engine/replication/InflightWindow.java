package io.github.raftkit.core.engine.replication;

/**
 * The AppendEntries a leader has sent to one follower and not yet seen acknowledged, remembered by the last index
 * each carried. Bounding it bounds the memory and bandwidth a slow follower can claim (pipelining with a window).
 */
public final class InflightWindow {
    private final long[] lastIndexes;
    private int head;
    private int count;

    public InflightWindow(int capacity) {
        this.lastIndexes = new long[capacity];
    }

    public boolean isFull() {
        return count == lastIndexes.length;
    }

    public int count() {
        return count;
    }

    /** Records an append whose last entry is {@code lastIndex}; indexes arrive in increasing order. */
    public void add(long lastIndex) {
        if (isFull()) {
            throw new IllegalStateException("inflight window of " + lastIndexes.length + " is full");
        }
        lastIndexes[(head + count) % lastIndexes.length] = lastIndex;
        count++;
    }

    /** Forgets every append acknowledged by a match through {@code index}. */
    public void freeThrough(long index) {
        while (count > 0 && lastIndexes[head] <= index) {
            head = (head + 1) % lastIndexes.length;
            count--;
        }
    }

    public void clear() {
        head = 0;
        count = 0;
    }
}
