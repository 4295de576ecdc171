package io.github.raftkit.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientSessionTest {

    /**
     * Writes numbered on several threads at once: none may tell the members that a write still unanswered, numbered
     * a moment earlier on another thread, was acknowledged, or the members refuse that write as answered already.
     */
    @Test
    void acknowledgedBelowNeverPassesAWriteNumberedConcurrentlyAndUnanswered() throws Exception {
        ClientSession session = new ClientSession(7);
        Set<Long> answered = ConcurrentHashMap.newKeySet();
        AtomicLong violations = new AtomicLong();
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] writers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                writers[t] = pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 200_000; i++) {
                        long sequence = session.nextSequence();
                        long acknowledgedBelow = session.acknowledgedBelow(sequence);
                        if (acknowledgedBelow > 1 && !answered.contains(acknowledgedBelow - 1)) {
                            violations.incrementAndGet();
                        }
                        answered.add(sequence);
                        session.answered(sequence);
                    }
                    return null;
                });
            }
            go.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, violations.get());
    }
}
