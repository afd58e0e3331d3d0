package dev.metertap.collector.config;

import dev.metertap.certs.CertificateException;
import dev.metertap.certs.Pem;
import dev.metertap.collector.pge.notify.ReceiverSettings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code pge.notifications:}: the HTTPS endpoint registered with PG&E as the Notification URI. It
 * has its own certificate and key (PEM), not the client's; {@code request-timeout} closes a connection that has
 * not sent a complete request that long after connecting, and {@code max-connections} bounds how many are open.
 */
public record PgeNotificationsConfig(String bind, Integer port, Path certificate, Path key, Integer maxBodyBytes,
                                     Duration requestTimeout, Integer maxConnections) {

    public static final int DEFAULT_PORT = 8443;

    public PgeNotificationsConfig {
        bind = bind == null ? "0.0.0.0" : bind;
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'port' must be between 0 and 65535");
        }
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("'certificate' and 'key' are required: the receiver's own HTTPS certificate (PEM)");
        }
        maxBodyBytes = maxBodyBytes == null ? ReceiverSettings.DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        if (maxBodyBytes < 256 || maxBodyBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("'max-body-bytes' must be between 256 and 16777216");
        }
        requestTimeout = requestTimeout == null ? ReceiverSettings.DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.compareTo(Duration.ofSeconds(1)) < 0 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("'request-timeout' must be between 1s and 10m");
        }
        maxConnections = maxConnections == null ? ReceiverSettings.DEFAULT_MAX_CONNECTIONS : maxConnections;
        if (maxConnections < 4 || maxConnections > 10_000) {
            throw new IllegalArgumentException("'max-connections' must be between 4 and 10000");
        }
    }

    /** Reads the certificate and key now; resources are followed only under {@code allowedBase}. */
    public ReceiverSettings settings(URI allowedBase) {
        try {
            return new ReceiverSettings(new InetSocketAddress(bind, port), Pem.readIdentity(certificate, key), allowedBase, maxBodyBytes,
                    requestTimeout, maxConnections);
        } catch (CertificateException e) {
            throw new ConfigException("pge.notifications.certificate/key: " + e.getMessage(), e);
        }
    }
}
