package io.github.raftkit.server.cli;

import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RequestRejectedException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into one line on standard error and an {@link Exit} status, instead of a stack trace:
 * the state machine's refusals are {@link Exit#REJECTED}, the cluster's failures {@link Exit#UNAVAILABLE}, a
 * configuration the framework refused {@link Exit#USAGE}. Stateless; called on the command's thread.
 */
final class FailureExit implements IExecutionExceptionHandler {
    private final Refusal refusal;

    FailureExit(Refusal refusal) {
        this.refusal = refusal;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        Optional<String> refused = refusal.describe(failure);
        command.getErr().println(command.getCommandName() + ": "
                + refused.orElseGet(() -> failure.getClass().getSimpleName() + ": " + failure.getMessage()));
        command.getErr().flush();
        return (refused.isPresent() ? Exit.REJECTED : of(failure)).code();
    }

    private static Exit of(Exception failure) {
        if (failure instanceof RequestRejectedException) {
            return Exit.REJECTED;
        }
        if (failure instanceof ConfigurationException) {
            return Exit.USAGE;
        }
        return failure instanceof RaftException ? Exit.UNAVAILABLE : Exit.FAILED;
    }
}
