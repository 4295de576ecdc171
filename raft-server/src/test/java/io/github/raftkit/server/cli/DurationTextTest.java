package io.github.raftkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsMillisecondsSecondsAndMinutes() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), DurationText.parse("5s"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse(" 2m "));
    }

    @Test
    void refusesWhatItCannotReadSayingWhatItExpects() {
        assertEquals("a duration's unit is ms, s or m, got '5h'",
                assertThrows(IllegalArgumentException.class, () -> DurationText.parse("5h")).getMessage());
        assertEquals("a duration is a whole number and a unit (500ms, 5s, 2m), got 's'",
                assertThrows(IllegalArgumentException.class, () -> DurationText.parse("s")).getMessage());
    }
}
