package io.github.raftkit.storage.file;

import java.nio.file.Path;

/** Run in a child JVM: locks the directory given as the argument, says "locked", and holds it until stdin ends. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]), "lock holder");
        try {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        } finally {
            lock.close();
        }
    }
}
