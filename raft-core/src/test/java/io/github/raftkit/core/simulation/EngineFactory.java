package io.github.raftkit.core.simulation;

import io.github.raftkit.core.engine.EngineConfig;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.RecoveredState;
import java.util.Random;

/** Builds the engine of a member that starts or restarts; tests substitute engines with planted bugs. */
@FunctionalInterface
public interface EngineFactory {

    EngineFactory DEFAULT = RaftEngine::new;

    RaftEngine create(EngineConfig config, RecoveredState recovered, Random random);
}
