package dev.metertap.collector.pge.notify;

import dev.metertap.certs.Identity;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * Where the notification receiver listens, with which certificate, which resource URLs it may follow
 * (those under {@code allowedBase}), and the largest body it reads.
 */
public record ReceiverSettings(InetSocketAddress bind, Identity serverIdentity, URI allowedBase, int maxBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public ReceiverSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(serverIdentity, "serverIdentity");
        Objects.requireNonNull(allowedBase, "allowedBase");
        if (maxBodyBytes < 256) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 256");
        }
    }
}
