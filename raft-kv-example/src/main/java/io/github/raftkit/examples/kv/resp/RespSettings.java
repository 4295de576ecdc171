package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.api.ReadConsistency;
import java.util.Objects;

/**
 * What one Redis connection may ask of a {@link RespServer}, and how its reads are served. Immutable; validated when
 * built.
 *
 * <p>Memory per connection stays below about {@code maxRequestBytes} (the command being decoded) plus
 * {@code maxInFlightBytes} (the commands decoded and not yet answered), however fast a client writes.
 *
 * @param maxInFlight commands of one connection decoded and not yet answered; at this many the server stops reading
 *     from the connection until replies are written (default 256). All connections share one {@code KvClient}, whose
 *     own cap on requests in flight answers the excess with {@code -TRYAGAIN}
 * @param maxInFlightBytes the argument bytes of those commands, with the same effect (default 64 MiB)
 * @param maxRequestBytes the argument bytes of one command; a bulk string that would pass it ends the connection with
 *     a protocol error before its bytes are buffered (default 8 MiB)
 * @param maxArguments the arguments of one command, its name included; more end the connection with a protocol error
 *     (default 65,536)
 * @param maxKeys the most keys one {@code KEYS} answers; a pattern matching more is an error (default 100,000)
 * @param reads the consistency of {@code GET}, {@code MGET}, {@code EXISTS}, {@code DBSIZE} and {@code KEYS}
 *     (default linearizable)
 * @param ioThreads the event loop threads serving connections (default 2)
 */
public record RespSettings(int maxInFlight, long maxInFlightBytes, int maxRequestBytes, int maxArguments, int maxKeys,
                           ReadConsistency reads, int ioThreads) {
    public static final RespSettings DEFAULT =
            new RespSettings(256, 64L << 20, 8 << 20, 65_536, 100_000, ReadConsistency.LINEARIZABLE, 2);

    public RespSettings {
        Objects.requireNonNull(reads, "reads");
        positive("maxInFlight", maxInFlight);
        positive("maxInFlightBytes", maxInFlightBytes);
        positive("maxRequestBytes", maxRequestBytes);
        positive("maxArguments", maxArguments);
        positive("maxKeys", maxKeys);
        positive("ioThreads", ioThreads);
    }

    public RespSettings withMaxInFlight(int value) {
        return new RespSettings(value, maxInFlightBytes, maxRequestBytes, maxArguments, maxKeys, reads, ioThreads);
    }

    public RespSettings withMaxRequestBytes(int value) {
        return new RespSettings(maxInFlight, maxInFlightBytes, value, maxArguments, maxKeys, reads, ioThreads);
    }

    public RespSettings withMaxKeys(int value) {
        return new RespSettings(maxInFlight, maxInFlightBytes, maxRequestBytes, maxArguments, value, reads, ioThreads);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("RespSettings." + name + " must be at least 1, got " + value);
        }
    }
}
