package io.github.raftkit.testkit.linearizability;

import static io.github.raftkit.testkit.linearizability.Verdicts.assertLinearizable;
import static io.github.raftkit.testkit.linearizability.Verdicts.assertNotLinearizable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.testkit.linearizability.RegisterModel.Input;
import io.github.raftkit.testkit.linearizability.RegisterModel.Read;
import io.github.raftkit.testkit.linearizability.RegisterModel.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    // Histories some order explains.
    @Test
    void anEmptyHistoryIsLinearizable() {
        assertLinearizable(new RegisterTimeline().check());
    }

    @Test
    void sequentialWritesAndReadsAreLinearizable() {
        assertLinearizable(new RegisterTimeline()
                .read(1, 0, 0, 1)
                .write(1, 5, 2, 3)
                .read(2, 5, 4, 5)
                .write(2, 7, 6, 7)
                .read(1, 7, 8, 9)
                .check());
    }

    @Test
    void overlappingWritesMayTakeEffectInEitherOrder() {
        assertLinearizable(new RegisterTimeline().write(1, 1, 0, 10).write(2, 2, 0, 10).read(3, 1, 11, 12).check());
        assertLinearizable(new RegisterTimeline().write(1, 1, 0, 10).write(2, 2, 0, 10).read(3, 2, 11, 12).check());
    }

    @Test
    void readsOverlappingAWriteMaySeeTheOldValueOrTheNew() {
        assertLinearizable(new RegisterTimeline()
                .write(1, 1, 0, 1)
                .write(1, 2, 10, 30)
                .read(2, 1, 12, 14)
                .read(3, 2, 15, 16)
                .read(2, 2, 17, 18)
                .check());
    }

    @Test
    void operationsTouchingAtOneInstantCountAsConcurrent() {
        assertLinearizable(new RegisterTimeline().write(1, 1, 0, 10).read(2, 0, 10, 11).check());
    }

    @Test
    void aTimedOutWriteMayHaveTakenEffect() {
        assertLinearizable(new RegisterTimeline().timedOutWrite(1, 3, 0).read(2, 3, 50, 51).check());
    }

    @Test
    void aTimedOutWriteMayNeverHaveTakenEffect() {
        assertLinearizable(new RegisterTimeline().timedOutWrite(1, 3, 0).read(2, 0, 50, 51).read(2, 0, 60, 61)
                .check());
    }

    @Test
    void aTimedOutWriteMayTakeEffectLongAfterItsClientGaveUp() {
        assertLinearizable(new RegisterTimeline()
                .timedOutWrite(1, 3, 0)
                .read(2, 0, 100, 101)
                .write(1, 4, 200, 201)
                .read(2, 3, 300, 301)
                .check());
    }

    @Test
    void compareAndSetsThatAgreeWithTheValuesAreLinearizable() {
        assertLinearizable(new RegisterTimeline()
                .cas(1, 0, 5, true, 0, 10)
                .cas(2, 0, 6, false, 0, 10)
                .read(3, 5, 11, 12)
                .check());
    }

    @Test
    void aFailedWriteIsDropped() {
        assertLinearizable(new RegisterTimeline().failedWrite(1, 9, 0, 1).read(2, 0, 5, 6).check());
    }

    @Test
    void manyConcurrentOperationsAreCheckedWithinTheBudget() {
        // 400 operations of 10 clients, each overlapping several others: without memoisation the orders to try
        // grow factorially with the overlap; with it the search stays within a modest budget.
        CheckResult result = LinearizabilityChecker.check(new RegisterModel(), concurrentHistory(42, 10, 40),
                RegisterTimeline.BUDGET);

        assertLinearizable(result);
        System.out.println("400 concurrent operations: " + result.explanation());
    }

    @Test
    void aReadBeforeABurstOfConcurrentWritesCostsNoSearchThroughTheirSubsets() {
        // The read must take effect before every write; tried in time order, each write placed first would fail only
        // after every subset of the others was tried. Placing the read first, as the model says it changes nothing,
        // needs a few states per write.
        RegisterTimeline timeline = new RegisterTimeline();
        for (int i = 1; i <= 30; i++) {
            timeline.write(i, i, i, 1_000);
        }
        CheckResult result = LinearizabilityChecker.check(new RegisterModel(),
                timeline.read(31, 0, 50, 60).read(31, 30, 2_000, 2_001).operations(), 10_000);

        assertLinearizable(result);
    }

    // Histories no order explains.
    @Test
    void aStaleReadAfterACompletedWriteIsNotLinearizable() {
        assertNotLinearizable(new RegisterTimeline().write(1, 1, 0, 10).read(2, 0, 20, 30).check());
    }

    @Test
    void aReadOfAValueNeverWrittenIsNotLinearizable() {
        assertNotLinearizable(new RegisterTimeline().write(1, 1, 0, 10).read(2, 7, 0, 30).check());
    }

    @Test
    void twoReadersSeeingTwoWritesInOppositeOrdersIsNotLinearizable() {
        assertNotLinearizable(new RegisterTimeline()
                .write(1, 1, 0, 100)
                .write(2, 2, 0, 100)
                .read(3, 1, 10, 20)
                .read(3, 2, 30, 40)
                .read(4, 2, 10, 20)
                .read(4, 1, 30, 40)
                .check());
    }

    @Test
    void aFailedWriteThatIsObservedIsNotLinearizable() {
        assertNotLinearizable(new RegisterTimeline().failedWrite(1, 9, 0, 1).read(2, 9, 5, 6).check());
    }

    @Test
    void aTimedOutWriteOnceSeenCannotBeUnseen() {
        assertNotLinearizable(new RegisterTimeline()
                .timedOutWrite(1, 3, 0)
                .read(2, 3, 10, 11)
                .read(2, 0, 20, 21)
                .check());
    }

    @Test
    void aCompareAndSetClaimingToSwapAnotherValueIsNotLinearizable() {
        assertNotLinearizable(new RegisterTimeline().write(1, 4, 0, 1).cas(2, 0, 5, true, 2, 3).check());
    }

    @Test
    void theExplanationNamesTheKeyThePrefixAndTheOperationThatCannotBePlaced() {
        CheckResult result = new RegisterTimeline()
                .write(1, 1, 0, 10)
                .write(1, 2, 20, 30)
                .read(2, 1, 40, 50)
                .check();

        assertNotLinearizable(result);
        String explanation = result.explanation();
        assertTrue(explanation.contains("key \"x\""), explanation);
        assertTrue(explanation.contains("places 2 of them"), explanation);
        assertTrue(explanation.contains("#2 client 1 [20, 30] write 2"), explanation);
        assertTrue(explanation.contains("state is 2"), explanation);
        assertTrue(explanation.contains("#3 client 2 [40, 50] read 1"), explanation);
    }

    // Each key is a register of its own.
    @Test
    void aBadKeyAmongGoodOnesIsNamed() {
        CheckResult result = new RegisterTimeline()
                .on("a").write(1, 1, 0, 10).read(2, 1, 11, 12)
                .on("b").write(1, 2, 0, 10).read(3, 0, 11, 12)
                .on("c").write(2, 3, 0, 10).read(1, 3, 5, 12)
                .check();

        assertNotLinearizable(result);
        assertEquals(Optional.of("b"), result.key());
    }

    @Test
    void keysAreIndependentRegisters() {
        assertLinearizable(new RegisterTimeline()
                .on("a").write(1, 1, 0, 10)
                .on("b").read(2, 0, 11, 12)
                .on("a").read(2, 1, 13, 14)
                .check());
    }

    // The search gives up rather than hang.
    @Test
    void runningOutOfBudgetGivesUnknownNotAnAnswer() {
        // 16 concurrent writes and a read of a value none wrote: proving that takes every subset of the writes.
        RegisterTimeline timeline = new RegisterTimeline();
        for (int i = 1; i <= 16; i++) {
            timeline.write(i, i, 0, 100);
        }
        timeline.read(17, 99, 200, 300);

        CheckResult result = LinearizabilityChecker.check(new RegisterModel(), timeline.operations(), 1_000);

        assertEquals(Verdict.UNKNOWN, result.verdict(), result.explanation());
        assertEquals(Optional.of("x"), result.key());
        assertTrue(result.explanation().contains("budget is 1000"), result.explanation());
    }

    @Test
    void aBudgetMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> LinearizabilityChecker.check(new RegisterModel(), List.of(), 0));
    }

    @Test
    void twoOperationsWithOneIdAreRefused() {
        Operation<Input, Long> read = new Operation<>(1, 1, "x", new Read(), 0L, 0, 1, OpStatus.OK);

        assertThrows(IllegalArgumentException.class,
                () -> LinearizabilityChecker.check(new RegisterModel(), List.of(read, read), 10));
    }

    /**
     * A history that is linearizable by construction: each client runs its operations one after another, each takes
     * effect at a random instant within its interval, and reads answer what the register held at that instant.
     */
    static List<Operation<Input, Long>> concurrentHistory(long seed, int clients, int opsPerClient) {
        record Planned(long id, int client, Input input, long invoked, long returned, long takesEffect) {
        }
        Random random = new Random(seed);
        List<Planned> planned = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            long time = random.nextInt(10);
            for (int i = 0; i < opsPerClient; i++) {
                long id = planned.size() + 1;
                long duration = 1 + random.nextInt(50);
                Input input = random.nextBoolean() ? new Write(id) : new Read();
                planned.add(new Planned(id, client, input, time, time + duration,
                        time + (long) (random.nextDouble() * duration)));
                time += duration + 1 + random.nextInt(5);
            }
        }
        planned.sort(Comparator.comparingLong(Planned::takesEffect).thenComparingLong(Planned::id));
        List<Operation<Input, Long>> history = new ArrayList<>();
        long value = 0;
        for (Planned op : planned) {
            Long output = null;
            if (op.input() instanceof Write write) {
                value = write.value();
            } else {
                output = value;
            }
            history.add(new Operation<>(op.id(), op.client(), "x", op.input(), output, op.invoked(), op.returned(),
                    OpStatus.OK));
        }
        return history;
    }
}
