package io.github.raftkit.examples.lock.cli;

/** Why {@code acquire} stops holding its lock: the first of these to happen. */
sealed interface HoldEnd {

    /** Standard input reached its end: whoever started the holder is done with the lock. */
    record InputClosed() implements HoldEnd {
    }

    /** The process got SIGINT or SIGTERM (the JVM is shutting down). */
    record Signalled() implements HoldEnd {
    }

    /** The client lost its session: the service may grant the lock to someone else from now on. */
    record SessionLost(long session, String reason) implements HoldEnd {
    }

    /** The command run under the lock exited with {@code status}. */
    record ChildExited(int status) implements HoldEnd {
    }
}
