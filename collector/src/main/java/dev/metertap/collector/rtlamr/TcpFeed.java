package dev.metertap.collector.rtlamr;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** rtlamr's JSON lines from a TCP stream ({@code tcp://host:port} or {@code host:port}), e.g. a bridge near the dongle. */
public final class TcpFeed implements RtlamrFeed {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;

    public TcpFeed(String hostAndPort) {
        String text = hostAndPort.startsWith("tcp://") ? hostAndPort : "tcp://" + hostAndPort;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + hostAndPort + "' is not host:port");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("'" + hostAndPort + "' is not host:port");
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    @Override
    public Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
        InputStream in = socket.getInputStream();
        return new Connection() {
            @Override
            public InputStream lines() {
                return in;
            }

            @Override
            public String whyEnded() {
                return "the connection closed";
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }

            @Override
            public String describe() {
                return TcpFeed.this.describe();
            }
        };
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }
}
