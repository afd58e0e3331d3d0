package dev.metertap.pgemock.fault;

/**
 * PG&E's vendor limit of one request per second; the answer to a request over it is configurable
 * (PG&E documents no Retry-After).
 */
public record RateLimit(int status, String body) {

    public static RateLimit tooManyRequests() {
        return new RateLimit(429, "Too Many Requests");
    }
}
