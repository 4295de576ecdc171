package io.github.raftkit.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the file channels a store writes through. The stores take one so that tests can put a channel whose
 * {@code write} or {@code force} fails under them: a real failing fsync cannot be produced on demand, and the
 * fail-stop path must still be exercised. Production code always uses {@link #DEFAULT}. Called on the thread that
 * opens or writes the store.
 */
@FunctionalInterface
public interface ChannelOpener {

    /** Opens real files with {@link FileChannel#open(Path, Set, java.nio.file.attribute.FileAttribute[])}. */
    ChannelOpener DEFAULT = FileChannel::open;

    /** Opens {@code path} with {@code options}. */
    FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}
