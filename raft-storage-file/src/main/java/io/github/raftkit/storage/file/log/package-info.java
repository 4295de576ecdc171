/**
 * The segmented, checksummed log ({@link io.github.raftkit.storage.file.log.SegmentedLog}): framing, segment files,
 * recovery with torn-write repair, and the {@code file} log store provider.
 */
package io.github.raftkit.storage.file.log;
