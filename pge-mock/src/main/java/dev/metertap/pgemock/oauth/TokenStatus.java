package dev.metertap.pgemock.oauth;

/** What the resource server makes of a bearer token. */
public enum TokenStatus {
    VALID, EXPIRED, UNKNOWN, MISSING
}
