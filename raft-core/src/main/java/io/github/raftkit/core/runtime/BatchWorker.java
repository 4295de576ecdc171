package io.github.raftkit.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * One thread that takes work from a queue in batches: it waits for an item, then drains whatever else is queued (up
 * to {@code maxBatch}) and hands the lot to its handler. Batching is what lets the loop propose many commands in one
 * call, the storage stage fsync once for many writes and the apply stage feed the state machine many entries.
 *
 * <p>{@link #submit} never blocks and may be called from any thread; the queue's bound comes from its producers
 * (see each stage). An exception from the handler ends the thread and is passed to {@code onFailure} on it.
 * {@link #stop} lets the batch in hand finish, drops the rest, and never interrupts the handler (an interrupt would
 * close a file channel under a store's feet).
 *
 * @param <T> the kind of work
 */
final class BatchWorker<T> {
    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<T>> handler;
    private final Consumer<Throwable> onFailure;
    private final Thread thread;
    private volatile boolean stopping;

    BatchWorker(String name, ThreadFactory threads, int maxBatch, Consumer<List<T>> handler,
                Consumer<Throwable> onFailure) {
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.onFailure = onFailure;
        this.thread = threads.newThread(this::run);
        thread.setName(thread.getName() + "-" + name);
    }

    void start() {
        thread.start();
    }

    void submit(T item) {
        queue.add(item);
    }

    /** Asks the thread to end after its current batch; returns at once. */
    void stop() {
        stopping = true;
        queue.add(STOP);
    }

    /** Waits for the thread to end, unless called from that thread (a handler that stops its own node). */
    void join() throws InterruptedException {
        if (Thread.currentThread() != thread) {
            thread.join();
        }
    }

    private void run() {
        List<Object> drained = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        try {
            while (!stopping) {
                drained.add(queue.take());
                queue.drainTo(drained, maxBatch - 1);
                collect(drained, batch);
                if (!stopping && !batch.isEmpty()) {
                    handler.accept(batch);
                }
                drained.clear();
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            onFailure.accept(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void collect(List<Object> drained, List<T> batch) {
        for (Object item : drained) {
            if (item != STOP) {
                batch.add((T) item);
            }
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
