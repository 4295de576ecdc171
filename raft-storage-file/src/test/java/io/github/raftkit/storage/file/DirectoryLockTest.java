package io.github.raftkit.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.StorageException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondUserInTheSameProcessFailsAtOnceNamingTheHolder() {
        DirectoryLock first = DirectoryLock.acquire(dir, "g/n1 log");
        try {
            StorageException e = assertThrows(StorageException.class, () -> DirectoryLock.acquire(dir, "g/n2 log"));
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("g/n1 log"),
                    e.getMessage());
            // The failed attempt must not have released the first holder's OS lock.
            assertThrows(StorageException.class, () -> DirectoryLock.acquire(dir, "g/n3 log"));
        } finally {
            first.close();
        }
    }

    @Test
    void aDirectoryIsFreeAgainOnceReleased() {
        DirectoryLock.acquire(dir, "first").close();
        DirectoryLock.acquire(dir, "second").close();
    }

    @Test
    void anotherProcessHoldingTheDirectoryIsNamedByItsPid() throws Exception {
        try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, dir.resolve("holder.err"),
                dir.toString())) {
            assertEquals("locked", holder.nextLine(60));
            StorageException e = assertThrows(StorageException.class, () -> DirectoryLock.acquire(dir, "me"));
            assertTrue(e.getMessage().contains("another process") && e.getMessage().contains("pid " + holder.pid()),
                    e.getMessage());
            holder.process().getOutputStream().close();
            assertTrue(holder.process().waitFor(60, TimeUnit.SECONDS));
        }
        DirectoryLock.acquire(dir, "after the holder exited").close();
    }
}
