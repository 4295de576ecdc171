package io.github.raftkit.examples.lock.machine;

import java.util.Set;
import java.util.TreeSet;

/**
 * An open session: its time to live, the log index of its latest renewal, and the locks it holds or waits for
 * (so that closing or expiring it can find them). Mutable, owned by {@link LockTable}.
 */
final class LiveSession {
    final long id;
    final long ttlMillis;
    long renewal;
    final Set<String> locks = new TreeSet<>();

    LiveSession(long id, long ttlMillis, long renewal) {
        this.id = id;
        this.ttlMillis = ttlMillis;
        this.renewal = renewal;
    }
}
