package io.github.raftkit.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.testkit.linearizability.LockModel.Acquire;
import io.github.raftkit.testkit.linearizability.LockModel.Expire;
import io.github.raftkit.testkit.linearizability.LockModel.Granted;
import io.github.raftkit.testkit.linearizability.LockModel.HeldBy;
import io.github.raftkit.testkit.linearizability.LockModel.Holders;
import io.github.raftkit.testkit.linearizability.LockModel.Input;
import io.github.raftkit.testkit.linearizability.LockModel.Mode;
import io.github.raftkit.testkit.linearizability.LockModel.Output;
import io.github.raftkit.testkit.linearizability.LockModel.Release;
import io.github.raftkit.testkit.linearizability.LockModel.Released;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Histories of a plain in-memory lock service, run one operation at a time, are linearizable whatever the operations:
 * the model must accept everything a correct service can do. The service is written here from the lock's rules, not
 * from the model, so that the property tests the model and not only the checker. Its tokens are indexes of one log
 * shared by every lock, which skips ahead as other entries are appended; an acquire it cannot grant at once is refused,
 * like a try-acquire; and some operations time out, their effect applied or not.
 */
class LockHistoryProperties {

    /** One operation on a lock, and how its client learned (or failed to learn) its outcome. */
    record Step(String key, Input input, boolean timesOut, boolean timedOutTookEffect, int entriesAppendedBefore) {
    }

    /** The service: every lock's holders, with their tokens and mode, and the log the tokens index. */
    private static final class ReferenceService {
        private final Map<String, Map<Long, Long>> tokens = new HashMap<>();
        private final Map<String, Mode> modes = new HashMap<>();
        private long lastIndex;

        void append(int entries) {
            lastIndex += entries;
        }

        /** The token the owner holds already or is granted now, or empty if the lock cannot be granted it now. */
        Optional<Long> acquire(String key, Acquire acquire) {
            Map<Long, Long> holders = holders(key);
            Long held = holders.get(acquire.owner());
            if (held != null) {
                return modes.get(key) == acquire.mode() ? Optional.of(held) : Optional.empty();
            }
            if (!holders.isEmpty() && (modes.get(key) == Mode.EXCLUSIVE || acquire.mode() == Mode.EXCLUSIVE)) {
                return Optional.empty();
            }
            modes.put(key, acquire.mode());
            holders.put(acquire.owner(), ++lastIndex);
            return Optional.of(lastIndex);
        }

        /** Whether the owner held the lock (and now does not). */
        boolean release(String key, long owner) {
            return holders(key).remove(owner) != null;
        }

        Map<Long, Long> holders(String key) {
            return tokens.computeIfAbsent(key, k -> new HashMap<>());
        }
    }

    @Property(tries = 200)
    void aHistoryOfACorrectLockServiceIsLinearizable(@ForAll("steps") List<Step> steps) {
        ReferenceService service = new ReferenceService();
        List<Operation<Input, Output>> history = new ArrayList<>();
        long time = 0;
        for (Step step : steps) {
            service.append(step.entriesAppendedBefore());
            boolean applied = !step.timesOut() || step.timedOutTookEffect();
            Output output = null;
            boolean refused = false;
            int client = 0;
            if (step.input() instanceof Acquire acquire) {
                client = (int) acquire.owner();
                Optional<Long> token = applied ? service.acquire(step.key(), acquire) : Optional.empty();
                output = token.map(Granted::new).orElse(null);
                refused = token.isEmpty();
            } else if (step.input() instanceof Release release) {
                client = (int) release.owner();
                refused = !(applied && service.release(step.key(), release.owner()));
                output = new Released();
            } else if (step.input() instanceof Expire expire) {
                client = (int) expire.owner();
                if (applied) {
                    service.release(step.key(), expire.owner());
                }
            } else {
                output = new HeldBy(service.holders(step.key()).keySet());
            }
            OpStatus status = step.timesOut() ? OpStatus.INFO : refused ? OpStatus.FAIL : OpStatus.OK;
            history.add(new Operation<>(history.size() + 1, client, step.key(), step.input(),
                    status == OpStatus.OK ? output : null, time, time + 1, status));
            time += 2;
        }

        CheckResult result = LinearizabilityChecker.check(new LockModel(), history, 1_000_000);

        assertEquals(Verdict.LINEARIZABLE, result.verdict(), result.explanation());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> owners = Arbitraries.longs().between(1, 3);
        Arbitrary<Input> inputs = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(owners, Arbitraries.of(Mode.class)).as(Acquire::new)),
                Tuple.of(3, owners.map(Release::new)),
                Tuple.of(1, owners.map(Expire::new)),
                Tuple.of(1, Arbitraries.just(new Holders())));
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("a", "b"),
                inputs,
                Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3))
                .as(Step::new);
        return step.list().ofMaxSize(60);
    }
}
