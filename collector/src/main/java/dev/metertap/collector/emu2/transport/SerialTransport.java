package dev.metertap.collector.emu2.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

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
    // errno values as Linux numbers them (asm-generic/errno-base.h)
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EISDIR = 21;
    static final int ENOTTY = 25;
    private static final int READ_TIMEOUT_MS = 100;

    private final String path;
    private volatile SerialPort port;

    public SerialTransport(String path) {
        this.path = path;
    }

    @Override
    public void open() throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new IOException(cannotOpen(path, ENOENT));
        }
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(cannotOpen(path, ENOENT), e);  // gone between the check and here
        }
        candidate.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, 1000);
        if (!candidate.openPort()) {
            throw new IOException(cannotOpen(path, candidate.getLastErrorCode()));
        }
        // stale bytes queued before we opened belong to an old fragment: drop them
        candidate.flushIOBuffers();
        port = candidate;
    }

    /** Why {@code path} cannot be opened, in words, from the errno jSerialComm reports (Linux numbering). */
    static String cannotOpen(String path, int errno) {
        String why = switch (errno) {
            case ENOENT, ENODEV -> "no such device (is the EMU-2 plugged in? ls /dev/serial/by-id lists serial devices)";
            case ENXIO -> "no such device or address (was the EMU-2 unplugged?)";
            case EACCES, EPERM -> "permission denied (on Linux, join the port's group, usually 'dialout': "
                    + "sudo usermod -aG dialout $USER, then log in again)";
            case EBUSY, EAGAIN -> "in use by another program";
            case ENOTTY, EISDIR -> "not a serial port";
            case EIO -> "input/output error (a faulty cable or device?)";
            default -> "error " + errno;
        };
        return "cannot open " + path + ": " + why;
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
