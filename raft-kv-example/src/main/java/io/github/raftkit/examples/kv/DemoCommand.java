package io.github.raftkit.examples.kv;

import io.github.raftkit.examples.kv.demo.ProcessClusterDemo;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code raft-kv demo}, also what {@code raft-kv} alone runs: the {@link ProcessClusterDemo}. */
@Command(name = "demo", description = "Starts a 3-member cluster as 3 local processes with file storage in a "
        + "temporary directory, writes while it kills the leader with SIGKILL, restarts it, checks that every "
        + "acknowledged write survived, and stops everything it started.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException, InterruptedException {
        return ProcessClusterDemo.run(System.out);
    }
}
