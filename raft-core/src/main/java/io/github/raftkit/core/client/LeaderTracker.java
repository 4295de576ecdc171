package io.github.raftkit.core.client;

import io.github.raftkit.api.Endpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the client sends its next request: the member it believes leads, learned from redirects, or else the next
 * known address in turn. Addresses named in redirects join the ones configured, so a client that was given one
 * address finds the others. Thread-safe; a few racing updates at worst cost one extra redirect.
 */
final class LeaderTracker {
    private final List<Endpoint> known;
    private volatile Endpoint target;
    private int next;

    LeaderTracker(List<Endpoint> seeds) {
        this.known = new CopyOnWriteArrayList<>(seeds);
        this.target = seeds.get(0);
    }

    Endpoint target() {
        return target;
    }

    /** A member named {@code leader} as the leader. */
    synchronized void redirect(Endpoint leader) {
        if (!known.contains(leader)) {
            known.add(leader);
        }
        target = leader;
    }

    /** {@code failed} did not serve a request: try the next known address, unless another call moved on already. */
    synchronized void skip(Endpoint failed) {
        if (target.equals(failed)) {
            next = (known.indexOf(failed) + 1) % known.size();
            target = known.get(next);
        }
    }
}
