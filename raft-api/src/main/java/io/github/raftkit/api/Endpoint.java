package io.github.raftkit.api;

import java.util.Objects;

/**
 * The network address a member listens on for Raft traffic and client requests. The in-memory transport uses it as
 * a name within the JVM, so two clusters in one process stay apart exactly as they would on a network. Immutable.
 *
 * @param host a host name or IP literal, dialled exactly as given
 * @param port a TCP port, 1..65535
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("endpoint host is blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("endpoint port must be 1..65535, got " + port);
        }
    }

    /** Parses {@code host:port}; IPv6 literals are written in brackets, {@code [::1]:7001}. */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("endpoint must be host:port, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Endpoint(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint port is not a number in '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
