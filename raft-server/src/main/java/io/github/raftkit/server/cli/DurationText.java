package io.github.raftkit.server.cli;

import java.time.Duration;

/** Reads a duration as people write it on a command line: {@code 500ms}, {@code 5s}, {@code 2m}. */
public final class DurationText {
    private DurationText() {
    }

    public static Duration parse(String text) {
        String trimmed = text.strip();
        int digits = 0;
        while (digits < trimmed.length() && Character.isDigit(trimmed.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            throw new IllegalArgumentException("a duration is a whole number and a unit (500ms, 5s, 2m), got '"
                    + text + "'");
        }
        long amount = Long.parseLong(trimmed.substring(0, digits));
        return switch (trimmed.substring(digits)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("a duration's unit is ms, s or m, got '" + text + "'");
        };
    }
}
