package io.github.raftkit.core.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftLogTest {

    /** Entries from {@code firstIndex}, one per term given, each with a payload of {@code size} bytes. */
    private static List<LogEntry> entries(long firstIndex, int size, long... terms) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(LogEntry.command(firstIndex + i, terms[i], new byte[size]));
        }
        return out;
    }

    private static RaftLog log(long... terms) {
        return new RaftLog(entries(1, 0, terms));
    }

    private static List<Long> terms(RaftLog log) {
        List<Long> terms = new ArrayList<>();
        for (long i = 1; i <= log.lastIndex(); i++) {
            terms.add(log.term(i));
        }
        return terms;
    }

    @Test
    void recoveredLogIsDurableAndHasNothingToPersist() {
        RaftLog log = log(1, 1, 2);

        assertEquals(3, log.durableIndex());
        assertFalse(log.hasUnpersisted());
        assertEquals(List.of(), log.takeUnpersisted());
    }

    @Test // §5.3: index 0 stands before every log and matches only term 0
    void termIsZeroOutsideTheLogAndIndexZeroMatchesOnlyTermZero() {
        RaftLog log = log(1, 2);

        assertEquals(0, log.term(0));
        assertEquals(0, log.term(3));
        assertEquals(0, log.term(-1));
        assertTrue(log.matches(0, 0));
        assertFalse(log.matches(0, 1));
        assertTrue(log.matches(2, 2));
        assertFalse(log.matches(2, 1));
        assertFalse(log.matches(3, 0), "an index past the end matches nothing");
    }

    @Test // §5.3: entries already present with the same term are the same entries
    void firstConflictSkipsEntriesAlreadyPresentAndIgnoresEntriesPastTheEnd() {
        RaftLog log = log(1, 1, 2, 2);

        assertEquals(0, log.firstConflict(entries(2, 0, 1, 2, 2, 2, 2)));
        assertEquals(3, log.firstConflict(entries(2, 0, 1, 3, 3)));
    }

    @Test // §5.3 receiver rule 3: delete the conflicting entry and all that follow it
    void appendFromLeaderReplacesTheLogFromTheFirstConflict() {
        RaftLog log = log(1, 1, 2, 2, 2);

        log.appendFromLeader(entries(3, 0, 3));

        assertEquals(List.of(1L, 1L, 3L), terms(log));
        assertEquals(2, log.durableIndex(), "the replaced entries' durability is gone");
        assertEquals(entries(3, 0, 3), log.takeUnpersisted());
    }

    @Test // §5.3 receiver rule 4: a shorter matching append leaves the tail alone
    void appendFromLeaderKeepsTheTailWhenNothingConflicts() {
        RaftLog log = log(1, 1, 1, 1);

        log.appendFromLeader(entries(2, 0, 1));

        assertEquals(4, log.lastIndex());
        assertFalse(log.hasUnpersisted());
    }

    @Test
    void takeUnpersistedHandsOverFromTheEarliestChangeOnce() {
        RaftLog log = log(1, 1, 1);
        log.appendFromLeader(entries(4, 0, 1, 1));
        log.appendFromLeader(entries(3, 0, 2));

        assertEquals(entries(3, 0, 2), log.takeUnpersisted(), "index 4 and 5 were replaced before being stored");
        assertEquals(List.of(), log.takeUnpersisted());
    }

    @Test // a write reported for an entry that has since been replaced proves nothing about its replacement
    void markDurableIgnoresAReportAboutAReplacedEntry() {
        RaftLog log = log(1);
        log.appendFromLeader(entries(2, 0, 1));
        log.appendFromLeader(entries(2, 0, 2));

        assertFalse(log.markDurable(2, 1));
        assertEquals(1, log.durableIndex());
        assertTrue(log.markDurable(2, 2));
        assertEquals(2, log.durableIndex());
    }

    @Test
    void markDurableNeverMovesBackOrPastTheEnd() {
        RaftLog log = log(1, 1, 1);

        assertFalse(log.markDurable(2, 1));
        assertFalse(log.markDurable(9, 1));
        assertEquals(3, log.durableIndex());
    }

    @Test // §5.4.1
    void upToDateComparesLastTermsFirstThenLengths() {
        RaftLog log = log(1, 2, 2);

        assertTrue(log.isUpToDate(1, 3), "later last term, shorter log");
        assertTrue(log.isUpToDate(3, 2), "same last term, same length");
        assertTrue(log.isUpToDate(4, 2));
        assertFalse(log.isUpToDate(2, 2), "same last term, shorter");
        assertFalse(log.isUpToDate(10, 1), "earlier last term, longer");
        assertTrue(log().isUpToDate(0, 0), "two empty logs");
    }

    @Test // §5.3 conflict hints
    void firstIndexOfTermAtWalksBackToTheStartOfTheTermButNotToTheFloor() {
        RaftLog log = log(1, 2, 2, 2, 2, 3);

        assertEquals(2, log.firstIndexOfTermAt(4, 0));
        assertEquals(4, log.firstIndexOfTermAt(4, 3), "never at or below the floor (the commit index)");
        assertEquals(6, log.firstIndexOfTermAt(6, 0));
    }

    @Test // §5.3 conflict hints, the leader's side
    void lastIndexOfTermFindsTheLeadersLastEntryOfATerm() {
        RaftLog log = log(1, 1, 3, 3, 5);

        assertEquals(4, log.lastIndexOfTerm(3, 5));
        assertEquals(3, log.lastIndexOfTerm(3, 3));
        assertEquals(0, log.lastIndexOfTerm(2, 5), "a term the log skipped");
        assertEquals(5, log.lastIndexOfTerm(5, 100));
        assertEquals(0, log.lastIndexOfTerm(5, 4));
    }

    @Test
    void sliceStopsAtTheCountOrByteLimitButAlwaysTakesOneEntry() {
        // Each entry counts 8 + 32 bytes.
        RaftLog log = new RaftLog(entries(1, 8, 1, 1, 1, 1, 1));

        assertEquals(3, log.slice(1, 5, 3, Long.MAX_VALUE).size());
        assertEquals(2, log.slice(1, 5, 10, 80).size());
        assertEquals(2, log.slice(1, 5, 10, 119).size());
        assertEquals(1, log.slice(2, 5, 10, 1).size(), "an entry bigger than the limit still travels alone");
        assertEquals(2, log.slice(4, 99, 10, Long.MAX_VALUE).size(), "clipped at the end of the log");
        assertEquals(0, log.slice(6, 9, 10, Long.MAX_VALUE).size());
    }

    @Test // §5.3 Leader Append-Only: a leader only ever appends right after its last entry
    void appendRefusesAnythingButTheNextIndex() {
        RaftLog log = log(1);

        assertThrows(IllegalArgumentException.class, () -> log.append(LogEntry.noOp(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> log.append(LogEntry.noOp(1, 1)));
        log.append(LogEntry.noOp(2, 1));
        assertEquals(2, log.lastIndex());
        assertEquals(1, log.durableIndex());
        assertEquals(List.of(LogEntry.noOp(2, 1)), log.takeUnpersisted());
    }
}
