package io.github.raftkit.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.testkit.linearizability.RegisterModel.Cas;
import io.github.raftkit.testkit.linearizability.RegisterModel.Read;
import io.github.raftkit.testkit.linearizability.RegisterModel.Write;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegisterModelTest {
    private final RegisterModel register = new RegisterModel();

    @Test
    void aKeyNeverWrittenHoldsZero() {
        assertEquals(0L, register.initial());
    }

    @Test
    void aReadMustAnswerTheValueHeld() {
        assertEquals(Optional.of(3L), register.step(3L, new Read(), 3L));
        assertEquals(Optional.empty(), register.step(3L, new Read(), 4L));
    }

    @Test
    void aWriteSetsTheValueWhateverItAnswered() {
        assertEquals(Optional.of(9L), register.step(3L, new Write(9), null));
    }

    @Test
    void aCompareAndSetSwapsExactlyWhenTheValueMatches() {
        assertEquals(Optional.of(5L), register.step(3L, new Cas(3, 5), RegisterModel.SWAPPED));
        assertEquals(Optional.empty(), register.step(4L, new Cas(3, 5), RegisterModel.SWAPPED));
        assertEquals(Optional.of(4L), register.step(4L, new Cas(3, 5), RegisterModel.NOT_SWAPPED));
        assertEquals(Optional.empty(), register.step(3L, new Cas(3, 5), RegisterModel.NOT_SWAPPED));
    }

    @Test
    void anIndeterminateCompareAndSetDoesWhatTheValueDecides() {
        assertEquals(Optional.of(5L), register.step(3L, new Cas(3, 5), null));
        assertEquals(Optional.of(4L), register.step(4L, new Cas(3, 5), null));
    }

    @Test
    void aCompareAndSetAnswersOneOrZero() {
        assertThrows(IllegalArgumentException.class, () -> register.step(3L, new Cas(3, 5), 2L));
    }

    @Test
    void describesOperationsForPeople() {
        assertEquals("write 4", register.describe(new Write(4), null));
        assertEquals("read 7", register.describe(new Read(), 7L));
        assertEquals("read ?", register.describe(new Read(), null));
        assertEquals("cas 1 -> 2: not swapped", register.describe(new Cas(1, 2), RegisterModel.NOT_SWAPPED));
    }
}
