package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ReadState;

/** What a member tells its clients: entries it applied and reads it confirmed. Called on the simulation's thread. */
interface ClientListener {

    void applied(SimNode node, LogEntry entry);

    void readConfirmed(SimNode node, ReadState read);
}
