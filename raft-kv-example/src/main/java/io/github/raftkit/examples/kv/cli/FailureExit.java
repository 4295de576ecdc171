package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RequestRejectedException;
import io.github.raftkit.examples.kv.client.KvException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into one line on standard error and an {@link Exit} status, instead of a stack trace:
 * the store's refusals are {@link Exit#REJECTED}, the cluster's failures {@link Exit#UNAVAILABLE}, a configuration
 * the framework refused {@link Exit#USAGE}.
 */
public final class FailureExit implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        command.getErr().println(command.getCommandName() + ": " + describe(failure));
        command.getErr().flush();
        return of(failure).code();
    }

    static Exit of(Exception failure) {
        if (failure instanceof KvException || failure instanceof RequestRejectedException) {
            return Exit.REJECTED;
        }
        if (failure instanceof ConfigurationException) {
            return Exit.USAGE;
        }
        return failure instanceof RaftException ? Exit.UNAVAILABLE : Exit.FAILED;
    }

    private static String describe(Exception failure) {
        if (failure instanceof KvException refused) {
            return "rejected (" + refused.error() + "): " + refused.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
