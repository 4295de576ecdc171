package io.github.raftkit.server.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that reports on the members from what their admin ports say, all asked at once. */
abstract class AdminCommand implements Callable<Integer> {
    @Mixin
    AdminEndpoints admin;

    @Mixin
    Printer out;

    @Override
    public final Integer call() {
        return report(admin.ask()).code();
    }

    /** Prints what {@code reports} show, in the order of {@code --http-endpoints}, and says how it went. */
    abstract Exit report(List<MemberReport> reports);
}
