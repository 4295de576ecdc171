package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ProposalOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proposals one incarnation of a member accepted and has not yet seen decided, by index. A proposal is decided
 * when the member applies an entry at its index: with its term, it took effect (a client's write is acknowledged);
 * with another, it was overwritten. A crash forgets them all, as a process that dies forgets who waited for what.
 */
final class InflightProposals {

    /** A command accepted at some index in {@code term}. */
    private record Inflight(long term, byte[] command) {
    }

    private final NodeId owner;
    private final Map<Long, Inflight> byIndex = new TreeMap<>();

    InflightProposals(NodeId owner) {
        this.owner = owner;
    }

    /** {@code commands} were accepted as {@code accepted}. */
    void accepted(ProposalOutcome.Accepted accepted, List<byte[]> commands) {
        for (int i = 0; i < commands.size(); i++) {
            byIndex.put(accepted.firstIndex() + i, new Inflight(accepted.term(), commands.get(i)));
        }
    }

    /**
     * {@code entry} was applied; returns whether it acknowledges a client's proposal. A proposal of this index and
     * term must be this very command: anything else is the engine applying what it did not accept.
     */
    boolean applied(LogEntry entry) {
        Inflight proposal = byIndex.remove(entry.index());
        if (proposal == null) {
            return false;
        }
        boolean tookEffect = proposal.term() == entry.term();
        if (tookEffect && (entry.type() != EntryType.COMMAND || !Arrays.equals(proposal.command(), entry.data()))) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(owner), "accepted a command at "
                    + entry.index() + "@" + entry.term() + " but applied " + entry);
        }
        return tookEffect;
    }
}
