package io.github.raftkit.examples.lock.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.lock.client.Lock;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raft-lock acquire NAME [--ttl D] [--wait D] [--shared] [-- COMMAND ARGS...]}: holds a lock from a process
 * of its own, for as long as its input stays open, or while COMMAND runs.
 */
@Command(name = "acquire", description = {
    "Opens a session and acquires NAME (exclusively unless --shared), waiting as long as it takes unless --wait "
        + "says otherwise.",
    "Without COMMAND: prints 'acquired NAME token T session S' and holds the lock, keeping the session alive, until "
        + "standard input ends or the process gets SIGINT or SIGTERM; then releases it.",
    "With '-- COMMAND ARGS...': runs COMMAND while holding the lock, with RAFT_LOCK_TOKEN (the fencing token), "
        + "RAFT_LOCK_NAME and RAFT_LOCK_SESSION in its environment, releases the lock when it exits and exits with "
        + "its status. If the session is lost meanwhile, COMMAND and what it started get SIGTERM, then SIGKILL "
        + "after 5 s.",
    "Exit 1 if not acquired within --wait; 4 if the session was lost while waiting or holding."})
public final class AcquireCommand extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "NAME", converter = LockNameConverter.class)
    String name;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "After '--': what to run while holding NAME.")
    List<String> command;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "10s", converter = TimeToLiveConverter.class,
            description = "The session's time to live, 1s to 60m: the lock is freed this long after the holder "
                    + "stops renewing it (crashed, cut off). Default: ${DEFAULT-VALUE}.")
    Duration ttl;

    @Option(names = "--wait", paramLabel = "DURATION", converter = WaitConverter.class,
            description = "Give up if not acquired within this long; 0: only if NAME is free now. Default: wait as "
                    + "long as it takes.")
    Duration wait;

    @Option(names = "--shared", description = "Acquire NAME shared (with other shared holders) instead of alone.")
    boolean shared;

    @Override
    int run(ClientConfig config) {
        HoldWatch watch = new HoldWatch();
        // Outermost, so that on a signal the JVM waits until the lock is released and the session closed.
        try (SignalHook signal = SignalHook.install(() -> watch.end(new HoldEnd.Signalled()));
             LockClient locks = LockClient.connect(config, ttl)) {
            locks.addSessionListener(watch::sessionLost);
            Optional<Lock> acquired = watch.unlessEnded(() -> acquire(locks), "raft-lock-acquire");
            if (acquired.isEmpty()) {
                return watch.ended().map(end -> ended(end, "waiting for")).orElseGet(this::notAcquired);
            }
            try (Lock lock = acquired.get()) {
                return command == null || command.isEmpty() ? holdUntilEnd(lock, watch) : runWhileHeld(lock, watch);
            }
        }
    }

    private Optional<Lock> acquire(LockClient locks) {
        LockMode mode = shared ? LockMode.SHARED : LockMode.EXCLUSIVE;
        return wait == null ? Optional.of(locks.acquire(name, mode)) : locks.tryAcquire(name, mode, wait);
    }

    private int notAcquired() {
        out.note("acquire: not acquired " + (wait.isZero() ? "at once (--wait 0)" : "within " + wait.toMillis()
                + " ms") + ": " + name + " is not free");
        out.print("", Printer.object().put("name", name).put("acquired", false));
        return Exit.MISS.code();
    }

    private int holdUntilEnd(Lock lock, HoldWatch watch) {
        // Flushed at once: a script or test that started this process waits for this line to know it holds the lock.
        out.print("acquired " + name + " token " + lock.fencingToken() + " session " + lock.session(), json(lock));
        watch.endOfInput(System.in);
        return ended(watch.await(), "holding");
    }

    private int runWhileHeld(Lock lock, HoldWatch watch) {
        GuardedProcess child;
        try {
            child = GuardedProcess.start(command, Map.of(
                    "RAFT_LOCK_TOKEN", Long.toString(lock.fencingToken()),
                    "RAFT_LOCK_NAME", name,
                    "RAFT_LOCK_SESSION", Long.toString(lock.session())));
        } catch (IOException e) {
            out.note("acquire: cannot run " + command.get(0) + ": " + e.getMessage());
            return Exit.FAILED.code();
        }
        watch.exitOf(child.process());
        HoldEnd end = watch.await();
        if (end instanceof HoldEnd.ChildExited exited) {
            return exited.status();
        }
        if (end instanceof HoldEnd.SessionLost) {
            ended(end, "holding");
            out.note("acquire: stopping " + command.get(0) + " (pid " + child.pid() + ") and what it started");
            child.stop();
            return Exit.REJECTED.code();
        }
        return child.stop();
    }

    /** Says why the hold ended {@code while} waiting for or holding the lock, and returns the exit status. */
    private int ended(HoldEnd end, String doing) {
        if (end instanceof HoldEnd.SessionLost lost) {
            out.note("acquire: session " + lost.session() + " was lost while " + doing + " " + name + ": "
                    + lost.reason() + "; another client may hold " + name + " now");
            return Exit.REJECTED.code();
        }
        // End of input ends a hold as asked. After a signal the JVM exits with the signal's status (130, 143)
        // whatever this says.
        return Exit.SUCCESS.code();
    }

    private ObjectNode json(Lock lock) {
        return Printer.object().put("name", name).put("acquired", true).put("mode", HoldersCommand.word(lock.mode()))
                .put("token", lock.fencingToken()).put("session", lock.session());
    }
}
