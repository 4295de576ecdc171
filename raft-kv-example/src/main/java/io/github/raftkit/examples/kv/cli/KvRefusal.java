package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.examples.kv.client.KvException;
import io.github.raftkit.server.cli.Refusal;
import java.util.Optional;

/** The store's refusals, {@link KvException}s, with the error code a script can act on. Stateless. */
public final class KvRefusal implements Refusal {
    @Override
    public Optional<String> describe(Exception failure) {
        return failure instanceof KvException refused
                ? Optional.of("rejected (" + refused.error() + "): " + refused.getMessage())
                : Optional.empty();
    }
}
