package dev.metertap.collector.pge.backfill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** A host a forged notification points at: it must never be contacted, so it counts every connection. */
public final class ForbiddenHost implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    public ForbiddenHost() {
        try {
            socket = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepter = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    socket.accept().close();
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "forbidden-host");
        accepter.setDaemon(true);
        accepter.start();
    }

    public String origin() {
        return "https://localhost:" + socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
