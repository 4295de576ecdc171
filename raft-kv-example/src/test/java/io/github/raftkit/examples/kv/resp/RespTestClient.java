package io.github.raftkit.examples.kv.resp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking RESP2 client over a plain socket, written from the protocol's description so that the server is tested
 * against bytes, not against Netty's codec talking to itself. Replies come back as Java values: a status as its
 * {@code String}, an error as an {@link Error}, an integer as a {@code Long}, a bulk string as its UTF-8
 * {@code String} ({@code null} for nil) and an array as a {@code List}. One test thread at a time.
 */
public final class RespTestClient implements AutoCloseable {
    /** A {@code -} reply. */
    public record Error(String text) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespTestClient(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and waits for its reply. */
    public Object call(String... words) {
        send(words);
        flush();
        return read();
    }

    /** Buffers one command as an array of bulk strings; {@link #flush} sends what is buffered. */
    void send(String... words) {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        command.writeBytes(("*" + words.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String word : words) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            command.writeBytes(bytes);
            command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        sendRaw(command.toByteArray());
    }

    /** Buffers bytes as they are, well-formed or not. */
    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next reply; fails with an {@link EOFException} if the server closed the connection instead. */
    Object read() {
        try {
            int type = in.read();
            if (type < 0) {
                throw new EOFException("the server closed the connection");
            }
            String line = line();
            return switch (type) {
                case '+' -> line;
                case '-' -> new Error(line);
                case ':' -> Long.parseLong(line);
                case '$' -> bulk(Integer.parseInt(line));
                case '*' -> array(Integer.parseInt(line));
                default -> throw new IOException("not a RESP reply type: " + (char) type + line);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection: the next read finds the end of the stream, not a reply. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("bulk string cut short");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Object> array(int count) {
        if (count < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new EOFException("line cut short");
            }
            line.write(b);
        }
        if (in.read() != '\n') {
            throw new IOException("CR without LF");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
