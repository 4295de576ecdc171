package io.github.raftkit.core.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InflightWindowTest {

    @Test
    void fillsUpToItsCapacityAndRefusesMore() {
        InflightWindow window = new InflightWindow(2);
        window.add(3);
        assertFalse(window.isFull());
        window.add(5);

        assertTrue(window.isFull());
        assertThrows(IllegalStateException.class, () -> window.add(7));
    }

    @Test
    void acknowledgementFreesEveryAppendItCovers() {
        InflightWindow window = new InflightWindow(4);
        window.add(3);
        window.add(5);
        window.add(7);

        window.freeThrough(4);
        assertEquals(2, window.count(), "the append through 5 is not covered by a match at 4");
        window.freeThrough(7);
        assertEquals(0, window.count());
        window.freeThrough(100);
        assertEquals(0, window.count());
    }

    @Test
    void staleAcknowledgementFreesNothing() {
        InflightWindow window = new InflightWindow(2);
        window.add(10);

        window.freeThrough(9);

        assertEquals(1, window.count());
    }

    @Test
    void wrapsAroundItsRingWithoutLosingOrder() {
        InflightWindow window = new InflightWindow(3);
        long last = 0;
        for (int i = 0; i < 20; i++) {
            window.add(++last);
            window.add(++last);
            window.freeThrough(last - 1);
            assertEquals(1, window.count(), "round " + i);
        }
        window.add(++last);
        window.add(++last);
        assertTrue(window.isFull());
        window.freeThrough(last - 1);
        assertEquals(1, window.count());
    }

    @Test
    void clearEmptiesTheWindow() {
        InflightWindow window = new InflightWindow(2);
        window.add(1);
        window.add(2);

        window.clear();

        assertEquals(0, window.count());
        window.add(9);
        window.add(10);
        assertTrue(window.isFull());
    }
}
