package io.github.raftkit.server.cli;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * An example's whole command line, with what every command shares: converters for endpoints, groups and durations
 * ({@code 500ms}), case-insensitive enum values, failures turned into {@link Exit} statuses, and the exit statuses at
 * the end of every usage text.
 */
public final class CommandTree {
    private CommandTree() {
    }

    /**
     * The command line of {@code root} and the subcommands it declares.
     *
     * @param refusal recognises the state machine's refusals among the exceptions a command throws
     * @param meanings what some statuses ({@link Exit#MISS}, {@link Exit#REJECTED}) mean for the example's commands
     */
    public static CommandLine of(Object root, Refusal refusal, Map<Exit, String> meanings) {
        CommandLine line = new CommandLine(root)
                .registerConverter(Endpoint.class, Endpoint::parse)
                .registerConverter(GroupId.class, GroupId::of)
                .registerConverter(Duration.class, DurationText::parse)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureExit(refusal));
        exitCodesInUsage(line, Exit.usageList(meanings));
        return line;
    }

    private static void exitCodesInUsage(CommandLine line, Map<String, String> exitCodes) {
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(exitCodes);
        line.getSubcommands().values().forEach(sub -> exitCodesInUsage(sub, exitCodes));
    }
}
