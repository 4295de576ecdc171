package io.github.raftkit.api.spi;

/**
 * A plugin found with {@link java.util.ServiceLoader}, chosen by its short name in the configuration. With exactly one
 * provider of a kind on the class path, it is chosen without a name.
 */
public interface NamedProvider {

    /** The short name a configuration uses, such as {@code netty}, {@code file} or {@code memory}. */
    String name();
}
