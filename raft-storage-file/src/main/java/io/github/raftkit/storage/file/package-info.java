/**
 * Durable file storage (provider name {@code file}): a segmented, checksummed log, atomic metadata and snapshots. Filled in by the storage work; until then the {@code memory} providers in raft-core serve.
 */
package io.github.raftkit.storage.file;
