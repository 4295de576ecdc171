package io.github.raftkit.examples.lock.simulation;

import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockMode;

/**
 * One simulated client of the lock service: its session, the one command it has in flight, the lock it holds or
 * waits for, and when it trusts its session until. Like {@code LockClient}, it trusts the session until the send time
 * of its last acknowledged command plus the time to live; the simulation's clocks never drift, so it needs no margin,
 * which makes the check of the service's side of the bargain as tight as it can be.
 */
final class SimLockClient {
    /** A command sent to {@code member} (at that incarnation), appended at {@code index} in {@code term}. */
    record Pending(LockCommand command, int member, long incarnation, long index, long term, long sentMillis,
                   long operation) {
    }

    /** The lock this client holds, with the grant's token. */
    record Holding(String lock, LockMode mode, long token) {
    }

    /**
     * The lock this client waits for, since its acquire was applied at {@code queuedAt}; {@code member} is where it
     * watches for the grant, a member that has applied that far (as a linearizable held read would ensure).
     */
    record Waiting(String lock, LockMode mode, long operation, long queuedAt, int member, long incarnation) {
    }

    final int id;
    final long ttlMillis;
    long session;
    long trustedSince;
    long lastKeepAliveMillis;
    long pausedUntil;
    Pending pending;
    Holding holding;
    /** The hold a release in flight gives up; no longer trusted, but the service may still count it. */
    Holding releasing;
    Waiting waiting;

    SimLockClient(int id, long ttlMillis) {
        this.id = id;
        this.ttlMillis = ttlMillis;
    }

    boolean hasSession() {
        return session != 0;
    }

    /** Until when this client trusts its session. */
    long trustedUntil() {
        return trustedSince + ttlMillis;
    }

    boolean trusts(long nowMillis) {
        return hasSession() && nowMillis < trustedUntil();
    }

    /** A command of the session sent at {@code sentMillis} was applied: the session lives at least that long. */
    void acknowledged(long sentMillis) {
        trustedSince = Math.max(trustedSince, sentMillis);
    }

    void forgetSession() {
        session = 0;
        pending = null;
        holding = null;
        releasing = null;
        waiting = null;
    }

    boolean paused(long nowMillis) {
        return nowMillis < pausedUntil;
    }

    @Override
    public String toString() {
        return "c" + id + (hasSession() ? " session " + session + " trusted to " + trustedUntil() : " no session")
                + (holding != null ? " holds " + holding : "") + (waiting != null ? " waits " + waiting : "");
    }
}
