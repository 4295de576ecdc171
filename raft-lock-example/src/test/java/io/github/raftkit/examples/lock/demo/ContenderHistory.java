package io.github.raftkit.examples.lock.demo;

import io.github.raftkit.testkit.linearizability.LockModel;
import io.github.raftkit.testkit.linearizability.OpStatus;
import io.github.raftkit.testkit.linearizability.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * The history of one lock that {@link Contender} processes reported in their {@code HISTORY} lines, as operations for
 * {@link LockModel}: grants and releases with the wall-clock times their process saw, a release whose answer was lost
 * as indeterminate, and a session the contender stopped trusting as an indeterminate release from its trust's end.
 */
final class ContenderHistory {
    private final List<Operation<LockModel.Input, LockModel.Output>> operations = new ArrayList<>();
    private final String lock;
    private int expiries;
    private int failedAcquires;

    ContenderHistory(String lock) {
        this.lock = lock;
    }

    /** Adds the {@code HISTORY} lines of contender {@code client}. */
    void add(int client, List<String> lines) {
        for (String line : lines) {
            if (!line.startsWith("HISTORY ")) {
                continue;
            }
            String[] f = line.split(" ");
            long id = operations.size() + 1;
            switch (f[1]) {
                case "acquire" -> operations.add(new Operation<>(id, client, lock,
                        new LockModel.Acquire(Long.parseLong(f[2]), LockModel.Mode.EXCLUSIVE),
                        new LockModel.Granted(Long.parseLong(f[3])), Long.parseLong(f[4]), Long.parseLong(f[5]),
                        OpStatus.OK));
                case "release" -> operations.add(new Operation<>(id, client, lock,
                        new LockModel.Release(Long.parseLong(f[2])), new LockModel.Released(), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), OpStatus.OK));
                case "release-unknown" -> operations.add(new Operation<>(id, client, lock,
                        new LockModel.Release(Long.parseLong(f[2])), null, Long.parseLong(f[3]), Long.MAX_VALUE,
                        OpStatus.INFO));
                case "expire" -> {
                    expiries++;
                    operations.add(new Operation<>(id, client, lock, new LockModel.Expire(Long.parseLong(f[2])), null,
                            Long.parseLong(f[3]), Long.MAX_VALUE, OpStatus.INFO));
                }
                case "acquire-failed" -> failedAcquires++;
                default -> throw new IllegalArgumentException("unknown history line: " + line);
            }
        }
    }

    List<Operation<LockModel.Input, LockModel.Output>> operations() {
        return List.copyOf(operations);
    }

    int expiries() {
        return expiries;
    }

    /** Acquires that ended in a lost session: not recorded, since nobody knows whether they were granted. */
    int failedAcquires() {
        return failedAcquires;
    }
}
