package io.github.raftkit.api.spi;

/** Makes transports; registered under {@code META-INF/services/io.github.raftkit.api.spi.TransportProvider}. */
public interface TransportProvider extends NamedProvider {

    /** A new transport for one member, not yet started. */
    Transport create(TransportContext context);
}
