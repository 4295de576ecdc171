package io.github.raftkit.core.session;

import io.github.raftkit.api.SessionPolicy;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The replicated client sessions (dissertation §6.3): for each client, the writes it applied and has not yet
 * acknowledged, so that a retry is recognised and not applied twice. Every replica applies the same entries in the
 * same order to this table, so every replica skips exactly the same duplicates.
 *
 * <p>Time is the leader's clock written into client entries; the table's clock only moves forward. A session silent
 * for longer than {@link SessionPolicy#expireAfter()} expires, and opening one more than
 * {@link SessionPolicy#maxSessions()} evicts the one silent longest. Owned by the apply thread.
 */
final class SessionTable {
    /** What to do with a client's write. */
    enum Decision {
        /** Apply it: the table now counts it as applied. */
        NEW,
        /** Applied before and not yet acknowledged: answer with the earlier result. */
        DUPLICATE,
        /** Applied before and acknowledged since: the client has its answer; nothing to apply or keep. */
        ACKNOWLEDGED,
        /** No such session: expired, evicted or never opened. */
        UNKNOWN_SESSION,
        /** The session already holds the most unacknowledged writes allowed. */
        TOO_MANY_UNACKNOWLEDGED
    }

    private static final int FORMAT = 1;
    private static final Comparator<Session> SILENT_LONGEST_FIRST =
            Comparator.comparingLong((Session s) -> s.lastActive).thenComparingLong(s -> s.clientId);

    private static final class Session {
        final long clientId;
        long lastActive;
        long acknowledgedBelow = 1;
        final NavigableSet<Long> unacknowledged = new TreeSet<>();

        Session(long clientId, long lastActive) {
            this.clientId = clientId;
            this.lastActive = lastActive;
        }
    }

    private final SessionPolicy policy;
    private final Map<Long, Session> sessions = new HashMap<>();
    private final NavigableSet<Session> bySilence = new TreeSet<>(SILENT_LONGEST_FIRST);
    private long now;

    SessionTable(SessionPolicy policy) {
        this.policy = policy;
    }

    /** Opens a session named by the registering entry's index. */
    long register(long index, long leaderMillis) {
        advance(leaderMillis);
        while (sessions.size() >= policy.maxSessions()) {
            remove(bySilence.first());
        }
        Session session = new Session(index, now);
        sessions.put(index, session);
        bySilence.add(session);
        return index;
    }

    /** Decides a client's write, and records it as applied when it is {@link Decision#NEW}. */
    Decision admit(long clientId, long sequence, long acknowledgedBelow, long leaderMillis) {
        advance(leaderMillis);
        Session session = sessions.get(clientId);
        if (session == null) {
            return Decision.UNKNOWN_SESSION;
        }
        touch(session);
        if (acknowledgedBelow > session.acknowledgedBelow) {
            session.acknowledgedBelow = acknowledgedBelow;
            session.unacknowledged.headSet(acknowledgedBelow, false).clear();
        }
        if (sequence < session.acknowledgedBelow) {
            return Decision.ACKNOWLEDGED;
        }
        if (session.unacknowledged.contains(sequence)) {
            return Decision.DUPLICATE;
        }
        if (session.unacknowledged.size() >= policy.maxUnacknowledged()) {
            return Decision.TOO_MANY_UNACKNOWLEDGED;
        }
        session.unacknowledged.add(sequence);
        return Decision.NEW;
    }

    int size() {
        return sessions.size();
    }

    private void touch(Session session) {
        bySilence.remove(session);
        session.lastActive = now;
        bySilence.add(session);
    }

    /** Moves the clock forward (never back) and expires the sessions that fell silent too long. */
    private void advance(long leaderMillis) {
        now = Math.max(now, leaderMillis);
        long silentSince = now - policy.expireAfter().toMillis();
        while (!bySilence.isEmpty() && bySilence.first().lastActive < silentSince) {
            remove(bySilence.first());
        }
    }

    private void remove(Session session) {
        bySilence.remove(session);
        sessions.remove(session.clientId);
    }

    /** Writes the table, for a snapshot. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeLong(now);
        out.writeInt(sessions.size());
        for (Session session : bySilence) {
            out.writeLong(session.clientId);
            out.writeLong(session.lastActive);
            out.writeLong(session.acknowledgedBelow);
            out.writeInt(session.unacknowledged.size());
            for (long sequence : session.unacknowledged) {
                out.writeLong(sequence);
            }
        }
    }

    /** A deep copy, so that a snapshot can be written while this table goes on changing. */
    SessionTable copy() {
        SessionTable copy = new SessionTable(policy);
        copy.now = now;
        for (Session session : bySilence) {
            Session twin = new Session(session.clientId, session.lastActive);
            twin.acknowledgedBelow = session.acknowledgedBelow;
            twin.unacknowledged.addAll(session.unacknowledged);
            copy.sessions.put(twin.clientId, twin);
            copy.bySilence.add(twin);
        }
        return copy;
    }

    /** Replaces the table with one {@link #writeTo} wrote; refuses anything out of bounds, naming it. */
    void readFrom(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("session table format " + format + " is not " + FORMAT);
        }
        sessions.clear();
        bySilence.clear();
        now = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > policy.maxSessions()) {
            throw new IOException("session table holds " + count + " sessions; sessions.maxSessions is "
                    + policy.maxSessions() + " (every member must use the same session policy)");
        }
        for (int i = 0; i < count; i++) {
            Session session = new Session(in.readLong(), in.readLong());
            session.acknowledgedBelow = in.readLong();
            int unacknowledged = in.readInt();
            if (unacknowledged < 0 || unacknowledged > policy.maxUnacknowledged()) {
                throw new IOException("session " + session.clientId + " holds " + unacknowledged
                        + " unacknowledged writes; sessions.maxUnacknowledged is " + policy.maxUnacknowledged());
            }
            for (int j = 0; j < unacknowledged; j++) {
                session.unacknowledged.add(in.readLong());
            }
            sessions.put(session.clientId, session);
            bySilence.add(session);
        }
    }
}
