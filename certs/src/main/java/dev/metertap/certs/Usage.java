package dev.metertap.certs;

/** What a leaf certificate is for: decides its key usage and extended key usage. */
public enum Usage {
    /** TLS client: clientAuth extended key usage, as PG&E requires. */
    CLIENT,
    /** TLS server: serverAuth extended key usage and subject alternative names. */
    SERVER
}
