package io.github.raftkit.server.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -h}/{@code --help} on a root command and every command below it, as a picocli mixin
 * ({@code @Mixin HelpOption help}).
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;
}
