package dev.metertap.collector.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.metertap.collector.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /status} (JSON for people and scripts) and {@code GET /metrics} (Prometheus text) on one
 * small thread. Bound when built, so a port in use is reported before anything else starts.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server) {
        this.server = server;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metertap-status");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
    }

    /** Binds {@code bind:port}; a taken port is a {@link ConfigException} naming {@code status.port}. */
    public static StatusServer bind(String bind, int port, Supplier<RunStatus> status) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 8);
        } catch (BindException e) {
            throw new ConfigException("status.port: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): another program uses it; choose another port under 'status:'", e);
        } catch (IOException e) {
            throw new ConfigException("status: cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        StatusServer statusServer = new StatusServer(server);
        server.createContext("/status", exchange -> statusServer.answer(exchange, "application/json",
                () -> StatusJson.of(status.get())));
        server.createContext("/metrics", exchange -> statusServer.answer(exchange, "text/plain; version=0.0.4; charset=utf-8",
                () -> PrometheusText.of(status.get())));
        return statusServer;
    }

    public void start() {
        server.start();
        log.info("status on http://{}:{}/status and /metrics", server.getAddress().getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, String contentType, Supplier<String> body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                log.warn("status unavailable: {}", e.getMessage());
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
