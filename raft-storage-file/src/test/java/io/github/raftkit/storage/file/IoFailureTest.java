package io.github.raftkit.storage.file;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.raftkit.api.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

class IoFailureTest {

    @Test
    void aRealFullDeviceIsReportedAsAFullDisk() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs Linux's /dev/full, which fails every write with ENOSPC");
        try (FileChannel channel = FileChannel.open(full, StandardOpenOption.WRITE)) {
            IOException enospc = assertThrows(IOException.class, () -> channel.write(ByteBuffer.allocate(4096)));
            StorageException e = IoFailure.of("appending to", full, 4096, enospc);
            assertTrue(e.getMessage().startsWith("disk full: appending to /dev/full at offset 4096"), e.getMessage());
            assertTrue(e.getMessage().contains("Free space"), e.getMessage());
        }
    }

    @Test
    void otherErrorsNameTheFileOffsetAndCause() {
        StorageException e = IoFailure.of("fsync of", Path.of("/data/x.log"), -1, new IOException("Input/output error"));
        assertTrue(e.getMessage().contains("fsync of /data/x.log failed")
                && e.getMessage().contains("Input/output error") && e.getMessage().contains("fail-stop"),
                e.getMessage());
    }
}
