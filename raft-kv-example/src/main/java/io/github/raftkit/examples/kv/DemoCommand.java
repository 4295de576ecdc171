package io.github.raftkit.examples.kv;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code raft-kv demo}, also what {@code raft-kv} alone runs: the {@link LocalClusterDemo}. */
@Command(name = "demo", description = "Runs a 3-member cluster in this process, loses its leader and recovers "
        + "(in memory: no ports, no files).")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        LocalClusterDemo.main(new String[0]);
        return 0;
    }
}
