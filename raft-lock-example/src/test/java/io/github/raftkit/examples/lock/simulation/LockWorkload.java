package io.github.raftkit.examples.lock.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.statemachine.BlockingQueries;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.simulation.InvariantViolation;
import io.github.raftkit.core.simulation.SimCluster;
import io.github.raftkit.core.simulation.SimMember;
import io.github.raftkit.core.simulation.SimWorkload;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import io.github.raftkit.testkit.linearizability.CheckResult;
import io.github.raftkit.testkit.linearizability.LinearizabilityChecker;
import io.github.raftkit.testkit.linearizability.LockModel;
import io.github.raftkit.testkit.linearizability.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Simulated clients of the lock service. Each opens a session, keeps it alive, acquires one of a few locks (mostly
 * exclusively), waits in the queue for the grant that the member pushes when it applies it, holds, releases, and now
 * and then pauses for up to three times its time to live, as a process stopped by SIGSTOP or a long GC would. Its
 * session then expires and another client takes the lock.
 *
 * <p>Checked after every event: no two clients trust that they hold a lock exclusively at the same instant; the
 * service never ends a session that its client still trusts; and each replica's table holds at most one holder of an
 * exclusive lock, no holder of an ended session, and tokens that grow ({@link ReplicaChecks}). At the end, the history
 * of acquires, releases and expiries is checked against {@link LockModel}.
 */
final class LockWorkload implements SimWorkload {
    static final List<String> LOCKS = List.of("L0", "L1", "L2");
    private static final long TTL_MILLIS = 1_000;
    /** How long a client waits for a command to be applied before it counts the outcome as unknown. */
    private static final long GIVE_UP_MILLIS = 3_000;
    private static final long MAX_STATES_PER_LOCK = 2_000_000;

    private final SimCluster cluster;
    private final Random random;
    private final List<SimLockClient> clients = new ArrayList<>();
    private final LockOps history = new LockOps();
    private final ReplicaChecks replicas = new ReplicaChecks();
    private final Map<Long, Long> probeTerms = new HashMap<>();
    private final Set<Long> probesApplied = new HashSet<>();
    private final LockStats stats;
    /** Per lock, the session that last lost it with its session, for counting takeovers. */
    private final Map<String, Long> lostWithSession = new HashMap<>();
    private boolean running = true;

    LockWorkload(SimCluster cluster, LockStats stats) {
        this.cluster = cluster;
        this.stats = stats;
        this.random = cluster.random();
    }

    @Override
    public void start() {
        int count = 3 + random.nextInt(3);
        for (int i = 1; i <= count; i++) {
            SimLockClient client = new SimLockClient(i, TTL_MILLIS);
            clients.add(client);
            schedule(client, random.nextInt(50));
        }
    }

    private void schedule(SimLockClient client, long delayMillis) {
        cluster.schedule(delayMillis, "client c" + client.id, () -> {
            if (running) {
                act(client);
                schedule(client, 10 + random.nextInt(90));
            }
        });
    }

    @Override
    public void stop() {
        running = false;
    }

    // ---- a client's turn ----

    private void act(SimLockClient client) {
        long now = cluster.nowMillis();
        if (client.paused(now)) {
            return;
        }
        if (client.hasSession() && !client.trusts(now)) {
            lose(client, "its session is past its time to live");
        }
        if (client.pending != null) {
            if (now - client.pending.sentMillis() > GIVE_UP_MILLIS) {
                unknownOutcome(client);
            }
            return;
        }
        if (!client.hasSession()) {
            send(client, new LockCommand.OpenSession(client.ttlMillis), 0);
        } else if (now - client.lastKeepAliveMillis >= client.ttlMillis / 4) {
            client.lastKeepAliveMillis = now;
            send(client, new LockCommand.KeepAlive(client.session), 0);
        } else if (random.nextInt(100) < 2) {
            long pause = client.ttlMillis / 2 + random.nextInt((int) (3 * client.ttlMillis));
            client.pausedUntil = now + pause;
            stats.pauses.incrementAndGet();
            cluster.trace("c" + client.id + " pauses for " + pause + " ms");
        } else if (client.holding != null && random.nextInt(100) < 30) {
            String lock = client.holding.lock();
            long operation = history.invoke(client.id, lock, new LockModel.Release(client.session), now);
            if (send(client, new LockCommand.Release(client.session, lock), operation)) {
                // A holder stops using the resource before it releases: from here it no longer trusts its hold.
                client.releasing = client.holding;
                client.holding = null;
            } else {
                history.fail(operation, now);
            }
        } else if (client.holding == null && client.waiting == null && random.nextInt(100) < 50) {
            String lock = LOCKS.get(random.nextInt(LOCKS.size()));
            LockMode mode = random.nextInt(5) == 0 ? LockMode.SHARED : LockMode.EXCLUSIVE;
            long operation = history.invoke(client.id, lock, new LockModel.Acquire(client.session, model(mode)), now);
            if (!send(client, new LockCommand.Acquire(client.session, lock, mode, true), operation)) {
                history.fail(operation, now);
            }
        }
    }

    /** Proposes at the leader; false if there is none or it refused, when nothing happened. */
    private boolean send(SimLockClient client, LockCommand command, long operation) {
        Optional<SimMember> leader = cluster.leader();
        if (leader.isEmpty()) {
            return false;
        }
        ProposalOutcome outcome = leader.get().propose(List.of(LockCodec.encode(command)));
        if (outcome instanceof ProposalOutcome.Accepted accepted) {
            client.pending = new SimLockClient.Pending(command, leader.get().position(),
                    leader.get().incarnation(), accepted.firstIndex(), accepted.term(), cluster.nowMillis(),
                    operation);
            cluster.trace("c" + client.id + " sends " + command + " at " + accepted.firstIndex());
            return true;
        }
        return false;
    }

    // ---- what members report ----

    @Override
    public void applied(SimMember member, LogEntry entry, byte[] result, boolean acknowledged) {
        replicas.changed(member);
        for (SimLockClient client : clients) {
            SimLockClient.Pending pending = client.pending;
            if (pending != null && pending.member() == member.position()
                    && pending.incarnation() == member.incarnation() && pending.index() == entry.index()) {
                client.pending = null;
                if (entry.term() == pending.term()) {
                    answered(client, pending, LockCodec.decodeResult(result));
                } else {
                    overwritten(client, pending);
                }
            }
            if (client.waiting != null && client.waiting.member() == member.position()) {
                watch(client, member);
            }
        }
        if (Long.valueOf(entry.term()).equals(probeTerms.get(entry.index()))) {
            probesApplied.add(entry.index());
        }
    }

    private void answered(SimLockClient client, SimLockClient.Pending pending, LockResult result) {
        long now = cluster.nowMillis();
        LockCommand command = pending.command();
        cluster.trace("c" + client.id + " gets " + result + " for " + command);
        if (command instanceof LockCommand.OpenSession) {
            if (result instanceof LockResult.SessionOpened opened && !client.hasSession()) {
                client.session = opened.session();
                client.trustedSince = pending.sentMillis();
                client.lastKeepAliveMillis = pending.sentMillis();
            }
            return;
        }
        if (sessionEnded(result)) {
            endedByService(client, pending, (LockResult.Failure) result);
            return;
        }
        client.acknowledged(pending.sentMillis());
        if (command instanceof LockCommand.Acquire acquire) {
            if (result instanceof LockResult.Granted granted) {
                granted(client, acquire.name(), acquire.mode(), pending.operation(), granted.token());
            } else if (result instanceof LockResult.Queued) {
                client.waiting = new SimLockClient.Waiting(acquire.name(), acquire.mode(), pending.operation(),
                        pending.index(), pending.member(), pending.incarnation());
            } else {
                throw violation("c" + client.id + "'s " + command + " was answered " + result);
            }
        } else if (command instanceof LockCommand.Release) {
            if (!(result instanceof LockResult.Released)) {
                throw violation("c" + client.id + " trusted its session and held " + client.holding
                        + ", but its release was answered " + result);
            }
            history.ok(pending.operation(), new LockModel.Released(), now);
            client.releasing = null;
        }
    }

    private void granted(SimLockClient client, String lock, LockMode mode, long operation, long token) {
        long now = cluster.nowMillis();
        history.ok(operation, new LockModel.Granted(token), now);
        stats.grants.incrementAndGet();
        if (lostWithSession.remove(lock) != null) {
            stats.takeoversAfterExpiry.incrementAndGet();
        }
        client.waiting = null;
        client.holding = new SimLockClient.Holding(lock, mode, token);
        if (!client.trusts(now)) {
            lose(client, "the grant arrived after its session's time to live");
        }
        checkExclusion(lock);
    }

    /** Another leader's entry took the index: the command was never applied and never will be. */
    private void overwritten(SimLockClient client, SimLockClient.Pending pending) {
        if (pending.operation() != 0) {
            history.fail(pending.operation(), cluster.nowMillis());
        }
        if (pending.command() instanceof LockCommand.Release) {
            // The service still counts it as the holder, so it may trust the hold again and release it later.
            client.holding = client.releasing;
            client.releasing = null;
        }
    }

    /** The member crashed, or too long passed: the command may or may not be applied, now or later. */
    private void unknownOutcome(SimLockClient client) {
        stats.unknownOutcomes.incrementAndGet();
        SimLockClient.Pending pending = client.pending;
        client.pending = null;
        if (pending.command() instanceof LockCommand.Acquire acquire) {
            history.info(pending.operation());
            // It may have been granted or queued unseen; the session is given up, and expires with whatever it got.
            abandon(client, acquire.name());
        } else if (pending.command() instanceof LockCommand.Release release) {
            history.info(pending.operation());
            abandon(client, release.name());
        }
    }

    /** Where the client watches for its grant, asking the member's state machine as a held query would. */
    private void watch(SimLockClient client, SimMember member) {
        SimLockClient.Waiting waiting = client.waiting;
        if (!member.up() || member.incarnation() != waiting.incarnation()
                || member.appliedIndex() < waiting.queuedAt()) {
            return;
        }
        Optional<byte[]> answer = ((BlockingQueries) member.stateMachine())
                .answerIfReady(LockCodec.encode(new LockQuery.AwaitGrant(client.session, waiting.lock())));
        if (answer.isEmpty()) {
            return;
        }
        LockResult result = LockCodec.decodeResult(answer.get());
        cluster.trace("c" + client.id + " is pushed " + result + " by " + member.id());
        if (result instanceof LockResult.Granted granted) {
            stats.pushedGrants.incrementAndGet();
            granted(client, waiting.lock(), waiting.mode(), waiting.operation(), granted.token());
        } else if (sessionEnded(result)) {
            // It may have been granted and then lost with the session before this member told it.
            history.info(waiting.operation());
            client.waiting = null;
            endedByService(client, null, (LockResult.Failure) result);
        } else {
            throw violation("c" + client.id + " waiting for " + waiting.lock() + " was told " + result);
        }
    }

    // ---- sessions ending ----

    /**
     * The service says the session ended. It may only end a session its client no longer trusts: the leader starts
     * the time to live after it applies a renewal, which is after the client sent it.
     */
    private void endedByService(SimLockClient client, SimLockClient.Pending pending, LockResult.Failure failure) {
        long now = cluster.nowMillis();
        if (pending != null && pending.command() instanceof LockCommand.Acquire) {
            history.fail(pending.operation(), now);
        } else if (pending != null && pending.command() instanceof LockCommand.Release) {
            history.fail(pending.operation(), now);
        }
        stats.sessionsEndedByService.incrementAndGet();
        if (client.trusts(now)) {
            throw violation("the service ended session " + client.session + " (" + failure.message() + ") while c"
                    + client.id + " still trusted it, until " + client.trustedUntil() + " ms");
        }
        lose(client, failure.message());
    }

    /** The client stops trusting its session: what it held or waited for goes with it, at the trust's end. */
    private void lose(SimLockClient client, String why) {
        cluster.trace("c" + client.id + " loses session " + client.session + ": " + why);
        long end = client.trustedUntil();
        if (client.holding != null) {
            lostWithSession.put(client.holding.lock(), client.session);
            history.expiry(client.id, client.holding.lock(), client.session, end);
        }
        if (client.releasing != null) {
            history.expiry(client.id, client.releasing.lock(), client.session, end);
        }
        if (client.waiting != null) {
            history.info(client.waiting.operation());
            history.expiry(client.id, client.waiting.lock(), client.session, end);
        }
        if (client.pending != null && client.pending.operation() != 0) {
            history.info(client.pending.operation());
            if (client.pending.command() instanceof LockCommand.Acquire acquire) {
                history.expiry(client.id, acquire.name(), client.session, end);
            }
        }
        client.forgetSession();
    }

    private void abandon(SimLockClient client, String lock) {
        history.expiry(client.id, lock, client.session, client.trustedUntil());
        if (client.holding != null && !client.holding.lock().equals(lock)) {
            history.expiry(client.id, client.holding.lock(), client.session, client.trustedUntil());
        }
        client.forgetSession();
    }

    // ---- checks ----

    @Override
    public void afterEvent() {
        long now = cluster.nowMillis();
        for (SimLockClient client : clients) {
            SimLockClient.Pending pending = client.pending;
            if (pending != null) {
                SimMember member = cluster.members().get(pending.member());
                if (!member.up() || member.incarnation() != pending.incarnation()) {
                    unknownOutcome(client);
                }
            }
            if (client.waiting != null) {
                SimMember member = cluster.members().get(client.waiting.member());
                if (!member.up() || member.incarnation() != client.waiting.incarnation()) {
                    rewatch(client);
                }
            }
        }
        for (String lock : LOCKS) {
            checkExclusion(lock);
        }
        replicas.check(cluster.members(), now);
    }

    /**
     * Its member went down: the client asks another that has applied its acquire, as a held read re-sent through
     * ReadIndex would.
     */
    private void rewatch(SimLockClient client) {
        SimLockClient.Waiting waiting = client.waiting;
        for (SimMember member : cluster.members()) {
            if (member.up() && member.appliedIndex() >= waiting.queuedAt()) {
                client.waiting = new SimLockClient.Waiting(waiting.lock(), waiting.mode(), waiting.operation(),
                        waiting.queuedAt(), member.position(), member.incarnation());
                watch(client, member);
                return;
            }
        }
    }

    /** At no instant do two clients trust that they hold {@code lock} when one of them holds it exclusively. */
    private void checkExclusion(String lock) {
        long now = cluster.nowMillis();
        List<SimLockClient> trusting = new ArrayList<>();
        boolean exclusive = false;
        for (SimLockClient client : clients) {
            if (client.holding != null && client.holding.lock().equals(lock) && client.trusts(now)) {
                trusting.add(client);
                exclusive |= client.holding.mode() == LockMode.EXCLUSIVE;
            }
        }
        if (trusting.size() > 1 && exclusive) {
            throw violation("clients " + trusting + " all trust that they hold " + lock + " at " + now + " ms");
        }
    }

    @Override
    public OptionalLong proposeProbe(SimMember leader) {
        ProposalOutcome outcome = leader.propose(List.of(LockCodec.encode(new LockCommand.KeepAlive(0))));
        if (outcome instanceof ProposalOutcome.Accepted accepted) {
            probeTerms.put(accepted.firstIndex(), accepted.term());
            return OptionalLong.of(accepted.firstIndex());
        }
        return OptionalLong.empty();
    }

    @Override
    public boolean probeAcknowledged(long probe) {
        return probesApplied.contains(probe);
    }

    @Override
    public void finish() {
        // A client still in a session at the end (paused ones included) may lose it from its trust's end on.
        for (SimLockClient client : clients) {
            if (client.hasSession()) {
                lose(client, "the run ended");
            }
        }
        CheckResult result = LinearizabilityChecker.check(new LockModel(), history.operations(), MAX_STATES_PER_LOCK);
        if (result.verdict() != Verdict.LINEARIZABLE) {
            throw violation("the history of acquires, releases and expiries is " + result.verdict() + " on lock "
                    + result.key().orElse("?") + "\n" + result.explanation());
        }
    }

    private static boolean sessionEnded(LockResult result) {
        return result instanceof LockResult.Failure failure && (failure.error() == LockError.SESSION_EXPIRED
                || failure.error() == LockError.UNKNOWN_SESSION);
    }

    private static LockModel.Mode model(LockMode mode) {
        return mode == LockMode.SHARED ? LockModel.Mode.SHARED : LockModel.Mode.EXCLUSIVE;
    }

    static InvariantViolation violation(String detail) {
        return InvariantViolation.application("lock service", List.of(), detail);
    }
}
