package io.github.raftkit.examples.lock.cli;

/** How one run of {@code raft-lock} ended: its exit status and what it printed. */
record Outcome(int status, String out, String err) {
    @Override
    public String toString() {
        return "status " + status + "\nout: " + out + "\nerr: " + err;
    }
}
