package io.github.raftkit.storage.file.log;

/**
 * The first record of a segment that failed verification during recovery.
 *
 * @param offset where the record starts in its file
 * @param end where it ends: as its header says when the header is sound, otherwise just past the header (or the end
 *     of the file, if that comes first)
 * @param kind how it failed
 * @param cause what a person reads
 */
record ScanDamage(long offset, long end, Kind kind, String cause) {

    /** How a record failed. */
    enum Kind {
        /** The file ends before the record does: what a crash in the middle of a write leaves. */
        CUT_SHORT,
        /** A checksum does not match: a torn write if zero-filled sectors explain it, otherwise corruption. */
        CHECKSUM,
        /** The record checks out but says something impossible (wrong index, unknown type): never a torn write. */
        INVALID
    }
}
