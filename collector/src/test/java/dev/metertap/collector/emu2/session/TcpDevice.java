package dev.metertap.collector.emu2.session;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A scripted device behind a TCP port, as ser2net serves one; unplug drops the connection. */
final class TcpDevice implements ScriptedDevice {

    private final ServerSocket server;
    private Socket connection;
    private final StringBuilder received = new StringBuilder();

    TcpDevice() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    @Override
    public String port() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private Socket connection() throws IOException {
        if (connection == null) {
            server.setSoTimeout(10_000);
            connection = server.accept();
        }
        return connection;
    }

    @Override
    public void write(String text) throws IOException {
        connection().getOutputStream().write(ScriptedDevice.latin1(text));
        connection().getOutputStream().flush();
    }

    @Override
    public void awaitReceived(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = connection().getInputStream();
        byte[] buffer = new byte[1024];
        while (received.indexOf(text) < 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("device did not receive " + text + "; got: " + received);
            }
            connection().setSoTimeout((int) Math.max(1, left));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new AssertionError("collector closed the connection while " + text + " was awaited");
                }
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException timedOut) {
                // the loop checks the deadline
            }
        }
        received.delete(0, received.indexOf(text) + text.length());
    }

    @Override
    public void unplug() throws IOException {
        connection().close();
        connection = null;
    }

    @Override
    public void replug() {
        received.setLength(0);
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        server.close();
    }
}
