/**
 * The service-provider interfaces plugins implement: transports and log, metadata and snapshot stores. Each kind is
 * found with {@link java.util.ServiceLoader} through its {@code *Provider} and picked by name.
 */
package io.github.raftkit.api.spi;
