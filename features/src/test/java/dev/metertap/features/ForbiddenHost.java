package dev.metertap.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** A host a forged notification points at: it must never be contacted, so it counts every connection. */
final class ForbiddenHost implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    ForbiddenHost() {
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

    String origin() {
        return "https://localhost:" + socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
