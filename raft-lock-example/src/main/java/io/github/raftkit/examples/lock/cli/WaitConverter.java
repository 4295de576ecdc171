package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.server.cli.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --wait}: a duration, or a bare {@code 0} for "only if it is free now", which is how people write no wait
 * (a duration otherwise needs its unit). Stateless.
 */
final class WaitConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return value.strip().equals("0") ? Duration.ZERO : duration(value);
    }

    /** A duration as the command line writes it; picocli shows a refusal's message as is only in this type. */
    static Duration duration(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
