package io.github.raftkit.examples.lock.command;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a lock name may be: 1 to {@link LockLimits#MAX_NAME_BYTES} bytes of UTF-8 with no control characters. */
public final class LockNames {
    private LockNames() {
    }

    /** Why {@code name} is not a valid lock name, or empty if it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a lock name must not be empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > LockLimits.MAX_NAME_BYTES) {
            return Optional.of("lock name of " + bytes + " bytes exceeds the limit of " + LockLimits.MAX_NAME_BYTES
                    + " bytes: " + name.substring(0, 32) + "...");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return Optional.of("lock name has a control character at position " + i);
            }
        }
        return Optional.empty();
    }

    /** Why {@code ttlMillis} is not a valid time to live, or empty if it is. */
    public static Optional<String> ttlProblem(long ttlMillis) {
        if (ttlMillis < LockLimits.MIN_TTL.toMillis() || ttlMillis > LockLimits.MAX_TTL.toMillis()) {
            return Optional.of("a session's time to live must be from " + LockLimits.MIN_TTL.toMillis() + " ms to "
                    + LockLimits.MAX_TTL.toMillis() + " ms, not " + ttlMillis + " ms");
        }
        return Optional.empty();
    }
}
