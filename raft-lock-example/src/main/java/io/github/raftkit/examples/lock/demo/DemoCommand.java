package io.github.raftkit.examples.lock.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code raft-lock demo}: runs {@link PauseDemo} and says whether the stale holder's late write was refused. */
@Command(name = "demo", description = {"Runs 3 members and 3 contenders for a lock guarding a file; one contender is",
    "stopped (SIGSTOP) past its time to live, and its late write is refused by its fencing token."})
public final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PauseDemo.Outcome outcome = new PauseDemo(out).run();
        out.println("OK: " + outcome.paused() + "'s write with token " + outcome.pausedToken() + " was refused after "
                + outcome.takeover() + " wrote with token " + outcome.takeoverToken());
        return 0;
    }
}
