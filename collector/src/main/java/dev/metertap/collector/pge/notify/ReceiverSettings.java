package dev.metertap.collector.pge.notify;

import dev.metertap.certs.Identity;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the notification receiver listens, with which certificate, which resource URLs it may follow
 * (those under {@code allowedBase}), the largest body it reads, how long a connection may take to deliver
 * a complete request (TLS handshake, headers and body, from its connect or its previous answer), and how
 * many connections it keeps open at once.
 */
public record ReceiverSettings(InetSocketAddress bind, Identity serverIdentity, URI allowedBase, int maxBodyBytes,
                               Duration requestTimeout, int maxConnections) {

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** PG&E posts a few notifications at a time: a handful of connections, with room to spare. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    public ReceiverSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(serverIdentity, "serverIdentity");
        Objects.requireNonNull(allowedBase, "allowedBase");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxBodyBytes < 256) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 256");
        }
        if (requestTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("requestTimeout must be at least 100 ms");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    /** With the default request timeout and connection limit. */
    public ReceiverSettings(InetSocketAddress bind, Identity serverIdentity, URI allowedBase, int maxBodyBytes) {
        this(bind, serverIdentity, allowedBase, maxBodyBytes, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    public ReceiverSettings withRequestTimeout(Duration value) {
        return new ReceiverSettings(bind, serverIdentity, allowedBase, maxBodyBytes, value, maxConnections);
    }

    public ReceiverSettings withMaxConnections(int value) {
        return new ReceiverSettings(bind, serverIdentity, allowedBase, maxBodyBytes, requestTimeout, value);
    }
}
