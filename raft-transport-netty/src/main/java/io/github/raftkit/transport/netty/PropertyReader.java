package io.github.raftkit.transport.netty;

import io.github.raftkit.api.error.ConfigurationException;
import java.util.Map;

/** Reads typed values out of plugin properties, naming the key in every error. Used while settings are built. */
record PropertyReader(Map<String, String> properties) {

    /** A whole number in {@code [min, max]}, or {@code fallback} when the key is absent. */
    long number(String key, long fallback, long min, long max) {
        String text = properties.get(key);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("invalid transport configuration: " + key + " is not a number: '" + text
                    + "'");
        }
        if (value < min || value > max) {
            throw new ConfigurationException("invalid transport configuration: " + key + " must be " + min + ".."
                    + max + ", got " + value);
        }
        return value;
    }
}
