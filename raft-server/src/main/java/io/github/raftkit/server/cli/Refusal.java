package io.github.raftkit.server.cli;

import java.util.Optional;

/**
 * How an example's client says that its state machine refused a request (the key-value store's {@code KvException},
 * say), which the command line reports as {@link Exit#REJECTED}. Stateless; called on the command's thread.
 */
@FunctionalInterface
public interface Refusal {
    /** No exception of the example's own is a refusal; the framework's {@code RequestRejectedException} still is. */
    Refusal NONE = failure -> Optional.empty();

    /** The one line to print if {@code failure} is such a refusal, or empty if it is not. */
    Optional<String> describe(Exception failure);
}
