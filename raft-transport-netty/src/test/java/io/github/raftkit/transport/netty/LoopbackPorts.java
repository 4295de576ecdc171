package io.github.raftkit.transport.netty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, for memberships that must name their ports before anything listens. */
public final class LoopbackPorts {
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port the kernel just handed out on loopback, released again for the caller to bind. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
