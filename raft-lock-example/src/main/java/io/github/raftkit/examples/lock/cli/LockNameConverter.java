package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.examples.lock.command.LockNames;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A lock name argument, checked as the service would check it, so that a bad one is a usage error naming the
 * argument (status 2) and nothing is sent. Stateless.
 */
final class LockNameConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        LockNames.problem(value).ifPresent(problem -> {
            throw new TypeConversionException(problem);
        });
        return value;
    }
}
