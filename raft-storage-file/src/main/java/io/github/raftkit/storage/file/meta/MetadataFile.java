package io.github.raftkit.storage.file.meta;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.PersistentState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The bytes of the metadata file:
 * {@code int magic "RKMD", int version, long term, short ownerLength, owner, short voteLength (0: none), vote,
 * int crc32c(everything before it)}. The owner is the node the directory belongs to, so that a data directory copied
 * or pointed at the wrong member is refused instead of lending it another member's vote. Stateless.
 */
final class MetadataFile {
    static final int MAGIC = 0x524B4D44;
    static final int VERSION = 1;
    /** Magic, version, term, two lengths, two node ids at their longest (4 bytes per char in UTF-8), checksum. */
    static final int MAX_BYTES = 4 + 4 + 8 + 2 + 2 + 2 * 4 * NodeId.MAX_LENGTH + 4;

    private MetadataFile() {
    }

    static ByteBuffer encode(NodeId owner, PersistentState state) {
        byte[] ownerBytes = owner.value().getBytes(StandardCharsets.UTF_8);
        byte[] vote = state.votedFor().map(n -> n.value().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES);
        buffer.putInt(MAGIC).putInt(VERSION).putLong(state.term());
        buffer.putShort((short) ownerBytes.length).put(ownerBytes);
        buffer.putShort((short) vote.length).put(vote);
        buffer.putInt(checksum(buffer, buffer.position()));
        return buffer.flip();
    }

    /** Decodes {@code bytes} read from {@code file}, which must belong to {@code owner}. */
    static PersistentState decode(ByteBuffer bytes, Path file, NodeId owner) {
        try {
            int length = bytes.remaining();
            if (length < 4 || bytes.getInt(length - 4) != checksum(bytes, length - 4)) {
                throw corrupt(file, "checksum mismatch over " + length + " bytes");
            }
            if (bytes.getInt() != MAGIC) {
                throw corrupt(file, "not a raftkit metadata file (bad magic number)");
            }
            int version = bytes.getInt();
            if (version != VERSION) {
                throw corrupt(file, "format version " + version + " is not supported (this build reads " + VERSION
                        + ")");
            }
            long term = bytes.getLong();
            String stored = string(bytes);
            if (!stored.equals(owner.value())) {
                throw new StorageException(file + " belongs to node " + stored + ", not to " + owner
                        + "; a node id must never be reused for another member's data");
            }
            String vote = string(bytes);
            if (bytes.remaining() != 4) {
                throw corrupt(file, (bytes.remaining() - 4) + " unexpected bytes after the vote");
            }
            return new PersistentState(term, vote.isEmpty() ? Optional.empty() : Optional.of(NodeId.of(vote)));
        } catch (RuntimeException e) {
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw corrupt(file, "fields do not decode (" + e.getMessage() + ")");
        }
    }

    private static String string(ByteBuffer bytes) {
        byte[] value = new byte[bytes.getShort()];
        bytes.get(value);
        return new String(value, StandardCharsets.UTF_8);
    }

    private static int checksum(ByteBuffer buffer, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(length));
        return (int) crc.getValue();
    }

    private static StorageException corrupt(Path file, String cause) {
        return new StorageException("corrupt metadata: " + file + ": " + cause
                + "; refusing to run without a trustworthy term and vote");
    }
}
