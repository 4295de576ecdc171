package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.examples.lock.command.LockNames;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --ttl}: a duration within the service's bounds for a session's time to live. Stateless. */
final class TimeToLiveConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration ttl = WaitConverter.duration(value);
        LockNames.ttlProblem(ttl.toMillis()).ifPresent(problem -> {
            throw new TypeConversionException(problem);
        });
        return ttl;
    }
}
