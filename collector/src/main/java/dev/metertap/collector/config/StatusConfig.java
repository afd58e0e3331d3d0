package dev.metertap.collector.config;

/**
 * {@code status:}: the HTTP status endpoint of {@code metertap run} ({@code /status} JSON, {@code /metrics}
 * Prometheus text). Loopback by default: it needs no password because only this machine reaches it.
 */
public record StatusConfig(String bind, Integer port) {

    public static final int DEFAULT_PORT = 9464;
    public static final StatusConfig DEFAULTS = new StatusConfig(null, null);

    public StatusConfig {
        bind = bind == null ? "127.0.0.1" : bind;
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'port' must be between 0 and 65535 (0: any free port)");
        }
    }
}
