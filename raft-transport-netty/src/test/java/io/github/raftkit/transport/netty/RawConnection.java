package io.github.raftkit.transport.netty;

import io.github.raftkit.api.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;

/** A plain socket that sends whatever a test hands it, for input no well-behaved peer or client would send. */
public final class RawConnection {
    private RawConnection() {
    }

    /** Connects to {@code endpoint}, sends {@code input}, and waits until the member closes the connection. */
    public static void sendAndAwaitClose(Endpoint endpoint, byte[] input) {
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.setSoTimeout((int) Eventually.DEADLINE.toMillis());
            socket.getOutputStream().write(input);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                // Read (and ignore any replies) until the member closes.
            }
        } catch (SocketException reset) {
            // A close with unread input arrives as a reset: closed all the same.
        } catch (IOException e) {
            throw new AssertionError(endpoint + " did not close the hostile connection", e);
        }
    }
}
