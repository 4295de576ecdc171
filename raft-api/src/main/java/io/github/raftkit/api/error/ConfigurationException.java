package io.github.raftkit.api.error;

/**
 * A configuration is invalid or names providers that are not there. The message names the field or provider and
 * what was found instead; nothing was started.
 */
public final class ConfigurationException extends RaftException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
