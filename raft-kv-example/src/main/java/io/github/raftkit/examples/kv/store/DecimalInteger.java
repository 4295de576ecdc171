package io.github.raftkit.examples.kv.store;

import io.github.raftkit.examples.kv.command.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Values as Redis's {@code INCR} reads them: a signed 64-bit integer in canonical ASCII decimal, an optional
 * {@code -} and digits without leading zeros, spaces or {@code +}; anything else is not an integer.
 */
final class DecimalInteger {
    private static final int MAX_LENGTH = 20;

    private DecimalInteger() {
    }

    static OptionalLong parse(Bytes value) {
        int length = value.length();
        int start = length > 0 && value.byteAt(0) == '-' ? 1 : 0;
        if (length == start || length > MAX_LENGTH
                || value.byteAt(start) == '0' && (length > start + 1 || start == 1)) {
            return OptionalLong.empty();
        }
        long magnitude = 0;
        for (int i = start; i < length; i++) {
            int digit = value.byteAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return OptionalLong.empty();
            }
            // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
            if (magnitude < (Long.MIN_VALUE + digit) / 10) {
                return OptionalLong.empty();
            }
            magnitude = magnitude * 10 - digit;
        }
        if (start == 0 && magnitude == Long.MIN_VALUE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(start == 1 ? magnitude : -magnitude);
    }

    static Bytes format(long value) {
        return Bytes.of(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
}
