/** The term and vote in one atomically replaced file, and the {@code file} metadata store provider. */
package io.github.raftkit.storage.file.meta;
