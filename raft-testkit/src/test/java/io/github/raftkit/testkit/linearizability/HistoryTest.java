package io.github.raftkit.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.testkit.linearizability.RegisterModel.Input;
import io.github.raftkit.testkit.linearizability.RegisterModel.Read;
import io.github.raftkit.testkit.linearizability.RegisterModel.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private final AtomicLong clock = new AtomicLong();
    private final History<Input, Long> history = new History<>(clock::incrementAndGet);

    @Test
    void recordsEachOutcomeWithTheClocksTimes() {
        long write = history.invoke(1, "x", new Write(5));
        long read = history.invoke(2, "x", new Read());
        long refused = history.invoke(3, "y", new Write(6));
        long lost = history.invoke(3, "y", new Write(7));
        history.ok(write, null);
        history.ok(read, 5L);
        history.fail(refused);
        history.info(lost);

        assertEquals(List.of(
                new Operation<>(write, 1, "x", new Write(5), null, 1, 5, OpStatus.OK),
                new Operation<>(read, 2, "x", new Read(), 5L, 2, 6, OpStatus.OK),
                new Operation<>(refused, 3, "y", new Write(6), null, 3, 7, OpStatus.FAIL),
                new Operation<>(lost, 3, "y", new Write(7), null, 4, 8, OpStatus.INFO)), history.operations());
    }

    @Test
    void anOperationNeverCompletedIsReportedAsIndeterminate() {
        history.invoke(1, "x", new Write(5));

        assertEquals(OpStatus.INFO, history.operations().get(0).status());
    }

    @Test
    void anOperationIsCompletedOnceOnly() {
        long id = history.invoke(1, "x", new Read());
        history.ok(id, 0L);

        assertThrows(IllegalStateException.class, () -> history.info(id));
        assertThrows(IllegalStateException.class, () -> history.ok(id + 1, 0L));
    }

    @Test
    void clientsOnManyThreadsRecordEveryOperation() throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            int self = client;
            clients.add(new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    long id = history.invoke(self, "k" + self, new Write(i));
                    history.ok(id, null);
                }
            }));
        }
        clients.forEach(Thread::start);
        for (Thread client : clients) {
            client.join();
        }

        List<Operation<Input, Long>> operations = history.operations();
        assertEquals(4_000, operations.size());
        assertEquals(Verdict.LINEARIZABLE,
                LinearizabilityChecker.check(new RegisterModel(), operations, 10_000).verdict());
    }
}
