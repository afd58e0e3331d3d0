package dev.metertap.pgemock.tls;

/** How the mock treats a missing or unregistered client certificate. */
public enum Mode {
    /** As PG&E's gateway: the handshake completes, the HTTP answer is 400 {@code Invalid Certificate}. */
    GATEWAY,
    /** The handshake itself is refused. */
    STRICT
}
