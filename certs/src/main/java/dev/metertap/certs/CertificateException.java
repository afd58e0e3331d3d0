package dev.metertap.certs;

/** A key or certificate could not be made, read or written. Never carries a password or key material. */
public class CertificateException extends RuntimeException {

    public CertificateException(String message) {
        super(message);
    }

    public CertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
