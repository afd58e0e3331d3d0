package dev.metertap.collector.sink;

import dev.metertap.collector.store.Batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * POSTs gzipped line protocol to an InfluxDB write URL and turns the answer into success or a
 * {@link SinkException}. The authorization header's value is passed in and never echoed into a
 * message; error messages carry the status and InfluxDB's own error text.
 */
final class InfluxWriteEndpoint {

    private static final int MAX_ERROR_TEXT = 300;

    private final URI writeUri;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    InfluxWriteEndpoint(URI writeUri, String authorization, Duration timeout) {
        this.writeUri = writeUri;
        this.authorization = authorization;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI writeUri() {
        return writeUri;
    }

    void post(Batch batch) throws SinkException {
        HttpRequest.Builder request = HttpRequest.newBuilder(writeUri)
                .timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(batch.body())));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new SinkException("cannot connect to " + origin() + ": " + describe(e), true, e);
        } catch (HttpTimeoutException e) {
            throw new SinkException("no answer from " + origin() + " within " + timeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new SinkException("writing to " + origin() + " failed: " + describe(e), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while writing to " + origin(), true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String reason = "HTTP " + status + " from " + writeUri + ": " + abbreviate(response.body());
        // 408 and 429 say "later", like a 5xx; every other 4xx will fail the same way next time
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new SinkException(reason, retryable);
    }

    private String origin() {
        return writeUri.getScheme() + "://" + writeUri.getAuthority();
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.strip().replace('\n', ' ');
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "…";
    }

    static byte[] gzip(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
            zip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
