package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ProposalOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The proposals one incarnation of a member accepted and has not yet seen decided, by index. A proposal is decided
 * when the member applies an entry at its index: with its term, it took effect (a client's write is acknowledged, a
 * leader duty's future completes with the result); with another, it was overwritten. A crash forgets them all, as a
 * process that dies forgets who waited for what.
 *
 * <p>Futures complete only when {@link #settle} is called, between the member's Readys, because the contract runs
 * their callbacks on the apply thread between batches, never inside one.
 */
final class InflightProposals {

    /** A command accepted at some index in {@code term}; {@code future} is a leader duty's, or null for a client's. */
    private record Inflight(long term, byte[] command, CompletableFuture<byte[]> future) {
    }

    private final NodeId owner;
    private final Map<Long, Inflight> byIndex = new TreeMap<>();
    private final List<Runnable> unsettled = new ArrayList<>();

    InflightProposals(NodeId owner) {
        this.owner = owner;
    }

    /** {@code commands} were accepted as {@code accepted}; {@code future} (or null) waits for the one command. */
    void accepted(ProposalOutcome.Accepted accepted, List<byte[]> commands, CompletableFuture<byte[]> future) {
        for (int i = 0; i < commands.size(); i++) {
            byIndex.put(accepted.firstIndex() + i, new Inflight(accepted.term(), commands.get(i), future));
        }
    }

    /**
     * {@code entry} was applied with {@code result}; returns whether it acknowledges a client's proposal. A proposal
     * of this index and term must be this very command: anything else is the engine applying what it did not accept.
     */
    boolean applied(LogEntry entry, byte[] result, Optional<NodeId> leader) {
        Inflight proposal = byIndex.remove(entry.index());
        if (proposal == null) {
            return false;
        }
        boolean tookEffect = proposal.term() == entry.term();
        if (tookEffect && (entry.type() != EntryType.COMMAND || !Arrays.equals(proposal.command(), entry.data()))) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(owner), "accepted a command at "
                    + entry.index() + "@" + entry.term() + " but applied " + entry);
        }
        if (proposal.future() == null) {
            return tookEffect;
        }
        unsettled.add(tookEffect
                ? () -> proposal.future().complete(result)
                : () -> proposal.future().completeExceptionally(new NotLeaderException(owner, leader)));
        return false;
    }

    /** Completes the futures decided since the last call; their callbacks may propose again. */
    void settle() {
        while (!unsettled.isEmpty()) {
            List<Runnable> now = List.copyOf(unsettled);
            unsettled.clear();
            now.forEach(Runnable::run);
        }
    }

    /** Leadership ended (or the member crashed): every leader duty's proposal still undecided fails, in index order. */
    void failLeaderProposals(Optional<NodeId> leader) {
        List<CompletableFuture<byte[]>> failed = new ArrayList<>();
        for (Iterator<Inflight> it = byIndex.values().iterator(); it.hasNext(); ) {
            Inflight proposal = it.next();
            if (proposal.future() != null) {
                it.remove();
                failed.add(proposal.future());
            }
        }
        failed.forEach(future -> future.completeExceptionally(new NotLeaderException(owner, leader)));
    }
}
