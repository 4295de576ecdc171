/**
 * Durable file storage, registered under the provider name {@code file}: a segmented, checksummed log
 * ({@code log}), the term and vote replaced atomically ({@code meta}) and checksummed snapshots ({@code snapshot}).
 * This package holds what the three share: where a member's files live, the lock that gives one process the use of a
 * directory, and how an I/O failure is reported. The on-disk format is described in {@code docs/storage-format.md}.
 */
package io.github.raftkit.storage.file;
