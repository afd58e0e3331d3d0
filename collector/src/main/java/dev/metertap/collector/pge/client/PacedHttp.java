package dev.metertap.collector.pge.client;

import dev.metertap.collector.pge.client.ShareMyDataException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Sends one request the way PG&E wants it: after the rate limiter lets it go, retried with capped
 * exponential backoff on 5xx, 429 and timeouts. Other answers go back to the caller as they are.
 */
final class PacedHttp {

    private static final Logger log = LoggerFactory.getLogger(PacedHttp.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http;
    private final RateLimiter limiter;
    private final Pause pause;
    private final int attempts;

    PacedHttp(HttpClient http, RateLimiter limiter, Pause pause, int attempts) {
        this.http = http;
        this.limiter = limiter;
        this.pause = pause;
        this.attempts = attempts;
    }

    /** The answer, its body still to be read (the caller closes it). {@code what} names the call in messages. */
    HttpResponse<InputStream> send(HttpRequest request, String what) throws ShareMyDataException {
        String lastProblem = "";
        Kind lastKind = Kind.UNREACHABLE;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (attempt > 1) {
                    pause.pause(backoff(attempt - 1));
                }
                limiter.acquire();
                HttpResponse<InputStream> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                } finally {
                    limiter.answered();
                }
                int status = response.statusCode();
                log.debug("{} {} -> {}", request.method(), request.uri(), status);
                if (status < 500 && status != 429) {
                    return response;
                }
                String body = snippet(response);
                lastKind = status == 429 ? Kind.RATE_LIMITED : Kind.SERVER_ERROR;
                lastProblem = "HTTP " + status + (body.isEmpty() ? "" : " \"" + body + "\"");
                log.info("{}: {} (attempt {} of {})", what, lastProblem, attempt, attempts);
            } catch (HttpTimeoutException e) {
                lastKind = Kind.UNREACHABLE;
                lastProblem = "no answer within the request timeout";
                log.info("{}: {} (attempt {} of {})", what, lastProblem, attempt, attempts);
            } catch (SSLException e) {
                throw new ShareMyDataException(Kind.TLS_FAILED, what + ": TLS handshake with " + request.uri().getHost()
                        + " failed (" + e.getMessage() + "). " + TlsAdvice.forHandshake(e), e);
            } catch (ConnectException e) {
                lastKind = Kind.UNREACHABLE;
                lastProblem = "cannot connect to " + request.uri().getHost() + ":" + port(request) + " (" + e.getMessage() + ")";
                log.info("{}: {} (attempt {} of {})", what, lastProblem, attempt, attempts);
            } catch (IOException e) {
                if (TlsAdvice.isTls(e)) {
                    throw new ShareMyDataException(Kind.TLS_FAILED, what + ": TLS with " + request.uri().getHost()
                            + " failed (" + e.getMessage() + "). " + TlsAdvice.forHandshake(e), e);
                }
                lastKind = Kind.UNREACHABLE;
                lastProblem = "connection failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
                log.info("{}: {} (attempt {} of {})", what, lastProblem, attempt, attempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShareMyDataException(Kind.UNREACHABLE, what + ": interrupted");
            }
        }
        String advice = switch (lastKind) {
            case RATE_LIMITED -> " PG&E allows 1 request/s, 2,000/hour and 20,000/day: wait and try again later.";
            case SERVER_ERROR -> " PG&E's side is failing: check its status and try again later.";
            default -> " Check the network and the URL.";
        };
        throw new ShareMyDataException(lastKind, what + " failed after " + attempts + " attempt(s): " + lastProblem + "." + advice);
    }

    /** Reads at most 200 characters of an error body, for messages (error bodies hold no secrets, tokens stay in 200s). */
    static String snippet(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(200);
            return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Duration backoff(int retry) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(retry - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static int port(HttpRequest request) {
        return request.uri().getPort() < 0 ? 443 : request.uri().getPort();
    }
}
