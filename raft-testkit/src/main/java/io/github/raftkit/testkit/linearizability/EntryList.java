package io.github.raftkit.testkit.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The invocation and return events of one key's operations in time order, as a doubly-linked list from which an
 * operation's two entries are lifted when the search linearizes it and put back, in the reverse order, when the search
 * backtracks (Lowe, §3). Lifting and unlifting are O(1); the search's stack guarantees they nest. Not thread-safe.
 */
final class EntryList {

    /** One event: the call or the return of operation {@code op} (an index into the key's operations). */
    static final class Entry {
        final int op;
        final boolean call;
        private final long time;
        private final int rank;
        private Entry match;
        private Entry prev;
        private Entry next;

        private Entry(int op, boolean call, long time, int rank) {
            this.op = op;
            this.call = call;
            this.time = time;
            this.rank = rank;
        }

        Entry next() {
            return next;
        }
    }

    // At one instant calls come before returns, so that operations touching at a point count as concurrent (the
    // lenient reading: a recorder wanting strict order gives every event its own time). Indeterminate returns come
    // last of all, so that the search never has to place an operation just because its "return" came up.
    private static final int CALL = 0;
    private static final int RETURN = 1;
    private static final int INDETERMINATE_RETURN = 2;

    private final Entry head = new Entry(-1, false, Long.MIN_VALUE, CALL);

    <I, O> EntryList(List<Operation<I, O>> ops) {
        List<Entry> entries = new ArrayList<>(2 * ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation<I, O> op = ops.get(i);
            boolean indeterminate = op.status() == OpStatus.INFO;
            Entry call = new Entry(i, true, op.invokedAt(), CALL);
            Entry ret = new Entry(i, false, indeterminate ? Long.MAX_VALUE : op.returnedAt(),
                    indeterminate ? INDETERMINATE_RETURN : RETURN);
            call.match = ret;
            entries.add(call);
            entries.add(ret);
        }
        entries.sort(Comparator.<Entry>comparingLong(e -> e.time).thenComparingInt(e -> e.rank)
                .thenComparingInt(e -> e.op));
        Entry last = head;
        for (Entry entry : entries) {
            last.next = entry;
            entry.prev = last;
            last = entry;
        }
    }

    /** The earliest entry still in the list, or {@code null} when every operation is lifted. */
    Entry first() {
        return head.next;
    }

    /** Removes a call entry and its return. */
    void lift(Entry call) {
        unlink(call);
        unlink(call.match);
    }

    /** Puts back the call entry lifted last, and its return. */
    void unlift(Entry call) {
        relink(call.match);
        relink(call);
    }

    private static void unlink(Entry entry) {
        entry.prev.next = entry.next;
        if (entry.next != null) {
            entry.next.prev = entry.prev;
        }
    }

    private static void relink(Entry entry) {
        entry.prev.next = entry;
        if (entry.next != null) {
            entry.next.prev = entry;
        }
    }
}
