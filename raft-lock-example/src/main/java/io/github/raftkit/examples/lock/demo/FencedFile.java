package io.github.raftkit.examples.lock.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A shared file that checks fencing tokens, as a storage service protected by the lock service should: it remembers
 * the highest token that wrote to it (in a sidecar file) and refuses a write with a lower one, so a holder that
 * paused past its session's time to live cannot overwrite the work of the holder after it. Every write holds an OS
 * file lock, so writers in separate processes on this machine take turns. Thread-safe and process-safe.
 */
public final class FencedFile {
    /** What a write did. */
    public sealed interface Outcome {
    }

    /** The line was appended; {@code token} is now the highest. */
    public record Written(long token) implements Outcome {
    }

    /** Refused: {@code token} is lower than {@code highest}, which a later holder already wrote with. */
    public record Refused(long token, long highest) implements Outcome {
    }

    private final Path file;
    private final Path tokenFile;

    public FencedFile(Path file) {
        this.file = file;
        this.tokenFile = file.resolveSibling(file.getFileName() + ".token");
    }

    /** Appends {@code line} if {@code token} is at least the highest token written so far. */
    public Outcome write(long token, String line) throws IOException {
        try (FileChannel guard = FileChannel.open(tokenFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = guard.lock()) {
            long highest = highest(guard);
            if (token < highest) {
                return new Refused(token, highest);
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            guard.truncate(0).write(ByteBuffer.wrap(Long.toString(token).getBytes(StandardCharsets.US_ASCII)), 0);
            guard.force(true);
            return new Written(token);
        }
    }

    /** The lines written so far. */
    public List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static long highest(FileChannel guard) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(20);
        guard.read(bytes, 0);
        String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }
}
