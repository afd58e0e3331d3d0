package dev.metertap.collector.pge.client;

/**
 * A Share My Data call failed. The message is plain words for a person (what happened and what
 * probably fixes it); it never holds the client secret or a token.
 */
public final class ShareMyDataException extends Exception {

    public enum Kind {
        /** TLS handshake failed: the server's certificate is not trusted, or the handshake was refused. */
        TLS_FAILED,
        /** PG&E answered 400 "Invalid Certificate": the client certificate is not registered, expired or not sent. */
        CERTIFICATE_REFUSED,
        /** The token endpoint refused the client id or secret. */
        BAD_CREDENTIALS,
        /** A fresh token was refused too (401/403). */
        TOKEN_REJECTED,
        /** 429 (or the configured rate-limit answer) after every attempt. */
        RATE_LIMITED,
        /** 5xx after every attempt. */
        SERVER_ERROR,
        /** No answer in time, or no connection, after every attempt. */
        UNREACHABLE,
        /** 404. */
        NOT_FOUND,
        /** A URL outside the configured resource base: not requested, the token is not sent there. */
        REFUSED_URL,
        /** Any other status, or a body that could not be read. */
        UNEXPECTED_ANSWER
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public ShareMyDataException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ShareMyDataException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
