package dev.metertap.collector.emu2.capture;

import dev.metertap.collector.emu2.transport.ByteTransport;

import java.io.IOException;

/** A transport that also writes every read and write, and each open and close, to a capture. */
public final class RecordingTransport implements ByteTransport {

    private final ByteTransport transport;
    private final CaptureWriter capture;

    public RecordingTransport(ByteTransport transport, CaptureWriter capture) {
        this.transport = transport;
        this.capture = capture;
    }

    @Override
    public void open() throws IOException {
        transport.open();
        capture.opened();
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = transport.read(buffer);
        if (n > 0) {
            capture.read(buffer, n);
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        transport.write(bytes);
        capture.wrote(bytes);
    }

    @Override
    public void close() {
        transport.close();
        capture.closed();
    }

    @Override
    public String describe() {
        return transport.describe();
    }
}
