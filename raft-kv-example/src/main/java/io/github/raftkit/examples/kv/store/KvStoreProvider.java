package io.github.raftkit.examples.kv.store;

import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.api.statemachine.StateMachineProvider;

/**
 * Makes {@link KvStore}s with the default limits, under the name {@code kv} (registered in
 * {@code META-INF/services}). A server that needs other limits builds {@code new KvStore(limits)} itself, and gives
 * every member the same ones.
 */
public final class KvStoreProvider implements StateMachineProvider {

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public StateMachine create() {
        return new KvStore();
    }
}
