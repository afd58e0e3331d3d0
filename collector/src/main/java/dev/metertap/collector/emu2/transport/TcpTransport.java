package dev.metertap.collector.emu2.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A raw TCP byte stream, as ser2net or the virtual EMU-2 serve the device. */
public final class TcpTransport implements ByteTransport {

    private static final int CONNECT_TIMEOUT_MS = 3000;
    private static final int READ_TIMEOUT_MS = 100;

    private final String host;
    private final int port;
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;

    public TcpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void open() throws IOException {
        Socket candidate = new Socket();
        try {
            candidate.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            candidate.setSoTimeout(READ_TIMEOUT_MS);
            candidate.setTcpNoDelay(true);
            in = candidate.getInputStream();
            out = candidate.getOutputStream();
        } catch (IOException e) {
            candidate.close();
            throw new IOException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
        socket = candidate;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        if (socket == null) {
            return -1;
        }
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException nothingYet) {
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (socket == null) {
            throw new IOException(describe() + " is not connected");
        }
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        Socket current = socket;
        socket = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }
}
