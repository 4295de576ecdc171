/** Checksummed snapshot files written aside and renamed into place, and the {@code file} snapshot store provider. */
package io.github.raftkit.storage.file.snapshot;
