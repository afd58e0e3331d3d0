package dev.metertap.collector.emu2.transport;

import com.fazecast.jSerialComm.SerialPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial port through jSerialComm (the only class that uses it): 115200 8N1, no flow control.
 * Each {@link #open()} resolves the path again, so a symlink such as
 * {@code /dev/serial/by-id/…} or {@code /dev/emu2} follows the device across replugs. Bytes
 * queued before the open are discarded.
 */
public final class SerialTransport implements ByteTransport {

    static final int BAUD = 115_200;
    private static final int READ_TIMEOUT_MS = 100;

    private final String path;
    private volatile SerialPort port;

    public SerialTransport(String path) {
        this.path = path;
    }

    @Override
    public void open() throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new IOException("no serial port at " + path);
        }
        SerialPort candidate = SerialPort.getCommPort(path);
        candidate.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, 1000);
        if (!candidate.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + candidate.getLastErrorCode()
                    + "; is it in use, or does this user lack permission? On Linux, join the 'dialout' group)");
        }
        // stale bytes queued before we opened belong to an old fragment: drop them
        candidate.flushIOBuffers();
        port = candidate;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        SerialPort current = port;
        if (current == null) {
            return -1;
        }
        int n = current.readBytes(buffer, buffer.length);
        // a vanished device (or a closed pty master) reads -1 while isOpen() stays true
        return n < 0 ? -1 : n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        SerialPort current = port;
        if (current == null) {
            throw new IOException("serial port " + path + " is not open");
        }
        int written = current.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException("write to " + path + " failed (" + written + " of " + bytes.length + " bytes)");
        }
    }

    @Override
    public void close() {
        SerialPort current = port;
        port = null;
        if (current != null) {
            current.closePort();
        }
    }

    @Override
    public String describe() {
        return path;
    }
}
