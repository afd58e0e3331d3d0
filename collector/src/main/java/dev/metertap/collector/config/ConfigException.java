package dev.metertap.collector.config;

/** The configuration file is missing, malformed, or has an unknown key or a bad value; the message names the key's path. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
