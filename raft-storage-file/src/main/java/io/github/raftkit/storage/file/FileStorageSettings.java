package io.github.raftkit.storage.file;

import io.github.raftkit.api.error.ConfigurationException;
import java.util.Map;

/**
 * The file stores' settings, read from the plugin properties of the configuration and validated. Immutable.
 *
 * @param segmentBytes the size at which the log starts a new segment file ({@value #SEGMENT_BYTES}, default 64 MiB,
 *     between 4 KiB and 1 GiB); a single entry larger than this still goes into one segment of its own
 */
public record FileStorageSettings(long segmentBytes) {
    /** The property that sets {@link #segmentBytes()}. */
    public static final String SEGMENT_BYTES = "file.segment.bytes";
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long MIN_SEGMENT_BYTES = 4L << 10;
    /** Record offsets inside a segment are kept as {@code int}s, so a segment must stay well below 2 GiB. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;

    public FileStorageSettings {
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new ConfigurationException("invalid configuration: " + SEGMENT_BYTES + " must be between "
                    + MIN_SEGMENT_BYTES + " and " + MAX_SEGMENT_BYTES + " bytes, got " + segmentBytes);
        }
    }

    /** Reads the settings from plugin properties, using the defaults for those not given. */
    public static FileStorageSettings from(Map<String, String> properties) {
        String segment = properties.get(SEGMENT_BYTES);
        if (segment == null) {
            return new FileStorageSettings(DEFAULT_SEGMENT_BYTES);
        }
        try {
            return new FileStorageSettings(Long.parseLong(segment.strip()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("invalid configuration: " + SEGMENT_BYTES
                    + " must be a number of bytes, got '" + segment + "'");
        }
    }
}
