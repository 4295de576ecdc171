package io.github.raftkit.transport.netty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on 127.0.0.1, for memberships that must name their ports before anything listens. */
public final class LoopbackPorts {
    public static final String HOST = "127.0.0.1";
    /**
     * Every port handed out in this JVM. The kernel may hand a just-released port out again at once, and a test that
     * asks for two ports before binding either must not get the same one twice (seen: "members n1 and n2 share the
     * endpoint").
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A port the kernel just handed out on loopback, never one this JVM handed out before, released for binding. */
    public static int free() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
