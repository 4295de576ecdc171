package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ReadState;

/**
 * What a member tells its clients: entries it applied, reads it confirmed and reads it can no longer confirm. Called
 * on the simulation's thread.
 */
interface ClientListener {

    void applied(SimNode node, LogEntry entry);

    void readConfirmed(SimNode node, ReadState read);

    void readAborted(SimNode node, long requestId);
}
