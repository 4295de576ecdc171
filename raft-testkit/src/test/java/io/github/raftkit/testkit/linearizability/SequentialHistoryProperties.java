package io.github.raftkit.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.testkit.linearizability.RegisterModel.Cas;
import io.github.raftkit.testkit.linearizability.RegisterModel.Input;
import io.github.raftkit.testkit.linearizability.RegisterModel.Read;
import io.github.raftkit.testkit.linearizability.RegisterModel.Write;
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
 * Histories produced by applying operations one at a time to the model are linearizable whatever the operations: the
 * checker must never reject what the specification itself did. Some writes time out (their effect applied or not) and
 * some are refused (never applied).
 */
class SequentialHistoryProperties {

    /** One step of a client: an input on a key, and how the client learned (or failed to learn) its outcome. */
    record Step(int client, String key, Input input, OpStatus status, boolean indeterminateTookEffect) {
    }

    @Property(tries = 200)
    void aSequentialHistoryIsLinearizable(@ForAll("steps") List<Step> steps) {
        RegisterModel register = new RegisterModel();
        Map<String, Long> values = new HashMap<>();
        List<Operation<Input, Long>> history = new ArrayList<>();
        long time = 0;
        for (Step step : steps) {
            long before = values.getOrDefault(step.key(), register.initial());
            Optional<Long> after = register.step(before, step.input(), null);
            boolean tookEffect = step.status() == OpStatus.OK
                    || step.status() == OpStatus.INFO && step.indeterminateTookEffect();
            if (tookEffect) {
                values.put(step.key(), after.orElseThrow());
            }
            Long output = step.status() == OpStatus.OK ? output(step.input(), before) : null;
            history.add(new Operation<>(history.size() + 1, step.client(), step.key(), step.input(), output, time,
                    time + 1, step.status()));
            time += 2;
        }

        CheckResult result = LinearizabilityChecker.check(register, history, 1_000_000);

        assertEquals(Verdict.LINEARIZABLE, result.verdict(), result.explanation());
    }

    private static Long output(Input input, long before) {
        if (input instanceof Read) {
            return before;
        }
        if (input instanceof Cas cas) {
            return before == cas.expected() ? RegisterModel.SWAPPED : RegisterModel.NOT_SWAPPED;
        }
        return null;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> values = Arbitraries.longs().between(0, 3);
        Arbitrary<Input> inputs = Arbitraries.oneOf(
                values.map(Write::new),
                Arbitraries.just(new Read()),
                Combinators.combine(values, values).as(Cas::new));
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.of("a", "b", "c"),
                inputs,
                Arbitraries.frequency(Tuple.of(8, OpStatus.OK), Tuple.of(1, OpStatus.FAIL),
                        Tuple.of(1, OpStatus.INFO)),
                Arbitraries.of(true, false))
                .as(Step::new);
        return step.list().ofMaxSize(60);
    }
}
