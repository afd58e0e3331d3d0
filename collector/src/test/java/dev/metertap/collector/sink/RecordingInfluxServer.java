package dev.metertap.collector.sink;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server that stands in for InfluxDB's write API: it answers each request with the
 * next scripted status (204 when the script is empty) and records what it received.
 */
final class RecordingInfluxServer implements AutoCloseable {

    record Received(String method, String path, String query, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    RecordingInfluxServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            String body = "gzip".equals(encoding)
                    ? new String(new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes(), StandardCharsets.UTF_8)
                    : new String(raw, StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body));
            Integer status = script.poll();
            int code = status == null ? 204 : status;
            byte[] answer = code == 204 ? new byte[0]
                    : ("{\"code\":\"invalid\",\"message\":\"scripted " + code + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, code == 204 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests get these statuses, in order. */
    void answer(Integer... statuses) {
        script.addAll(java.util.List.of(statuses));
    }

    Received awaitRequest() throws InterruptedException {
        Received request = received.poll(30, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request within 30 s");
        }
        return request;
    }

    /** Requests received and not yet taken by {@link #awaitRequest()}. */
    int unclaimed() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
