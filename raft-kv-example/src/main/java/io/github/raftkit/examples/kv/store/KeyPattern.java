package io.github.raftkit.examples.kv.store;

import io.github.raftkit.examples.kv.command.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * A Redis glob pattern, as {@code KEYS} takes it, over bytes: {@code *} matches any run of bytes, {@code ?} any one
 * byte, {@code [abc]} one of a set, {@code [^abc]} one outside it, {@code [a-z]} a range (either way round), and
 * {@code \} makes the next byte literal, inside a set too. A {@code [} without its {@code ]} runs to the end, and a
 * trailing {@code \} stands for itself, as in Redis.
 *
 * <p>Matching backtracks only to the latest {@code *}, so it takes at most pattern length times key length steps,
 * whatever the pattern. Immutable and thread-safe.
 */
final class KeyPattern {
    private final byte[] pattern;

    KeyPattern(Bytes pattern) {
        this.pattern = pattern.toByteArray();
    }

    /**
     * The bytes every matching key starts with: the pattern up to its first wildcard, escapes resolved. A query
     * scans only the keys with this prefix.
     */
    Bytes literalPrefix() {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        for (int p = 0; p < pattern.length && !isWildcard(pattern[p]); p = elementEnd(p)) {
            prefix.write(literalAt(p));
        }
        return Bytes.of(prefix.toByteArray());
    }

    boolean matches(Bytes key) {
        int p = 0;
        int k = 0;
        int star = -1;
        int starKey = 0;
        while (k < key.length()) {
            if (p < pattern.length && pattern[p] == '*') {
                star = p++;
                starKey = k;
            } else if (p < pattern.length && elementMatches(p, key.byteAt(k))) {
                p = elementEnd(p);
                k++;
            } else if (star >= 0) {
                // Let the latest star swallow one more byte and retry from just after it.
                p = star + 1;
                k = ++starKey;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    private static boolean isWildcard(byte b) {
        return b == '*' || b == '?' || b == '[';
    }

    private boolean isEscape(int p) {
        return pattern[p] == '\\' && p + 1 < pattern.length;
    }

    /** The byte that the literal element at {@code p} stands for. */
    private byte literalAt(int p) {
        return isEscape(p) ? pattern[p + 1] : pattern[p];
    }

    /** Where the element that starts at {@code p} (a byte, an escape, a set or a {@code ?}) ends. */
    private int elementEnd(int p) {
        if (pattern[p] != '[') {
            return isEscape(p) ? p + 2 : p + 1;
        }
        return Math.min(setClose(p) + 1, pattern.length);
    }

    /** Where the set that opens at {@code p} closes: its {@code ]}, or the pattern's end if it has none. */
    private int setClose(int p) {
        int q = p + 1;
        while (q < pattern.length && pattern[q] != ']') {
            q = isEscape(q) ? q + 2 : q + 1;
        }
        return q;
    }

    private boolean elementMatches(int p, byte b) {
        if (pattern[p] == '?') {
            return true;
        }
        if (pattern[p] != '[') {
            return literalAt(p) == b;
        }
        int close = setClose(p);
        int q = p + 1;
        boolean negated = q < close && pattern[q] == '^';
        if (negated) {
            q++;
        }
        int value = b & 0xff;
        boolean inSet = false;
        while (q < close) {
            if (isEscape(q)) {
                inSet |= (pattern[q + 1] & 0xff) == value;
                q += 2;
            } else if (q + 2 < close && pattern[q + 1] == '-') {
                int from = pattern[q] & 0xff;
                int to = pattern[q + 2] & 0xff;
                inSet |= Math.min(from, to) <= value && value <= Math.max(from, to);
                q += 3;
            } else {
                inSet |= (pattern[q] & 0xff) == value;
                q++;
            }
        }
        return inSet != negated;
    }
}
