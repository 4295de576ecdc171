package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.examples.lock.client.LockException;
import io.github.raftkit.server.cli.Refusal;
import java.util.Optional;

/**
 * The lock service's refusals, and the loss of a session, as {@link LockException}s: the error code a script can act
 * on and the service's message, which names the session or lock. Stateless.
 */
public final class LockRefusal implements Refusal {
    @Override
    public Optional<String> describe(Exception failure) {
        return failure instanceof LockException refused
                ? Optional.of("rejected (" + refused.error() + "): " + refused.getMessage())
                : Optional.empty();
    }
}
