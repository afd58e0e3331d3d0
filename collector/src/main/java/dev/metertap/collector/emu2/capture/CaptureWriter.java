package dev.metertap.collector.emu2.capture;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Writes an EMU-2 capture: what a host read from the device and wrote to it, chunk by chunk, with the time since the
 * capture began. The format (documented in the README, read by the simulator's {@code --replay}):
 *
 * <pre>
 * # metertap emu2 capture 1
 * # port /dev/ttyACM0, started 2026-12-03T11:20:00Z
 * 0.000000 open
 * 0.004211 w &lt;Command&gt;&lt;Name&gt;get_device_info&lt;/Name&gt;&lt;/Command&gt;\r\n
 * 0.031877 r &lt;DeviceInfo&gt;\r\n  &lt;DeviceMacId&gt;0xd8d5b9…
 * 12.500000 close
 * </pre>
 *
 * One line per event: seconds (monotonic, microseconds), then {@code open}, {@code close}, {@code r} (one read) or
 * {@code w} (one write) and the bytes, printable ASCII as is and {@code \\}, {@code \r}, {@code \n}, {@code \t},
 * {@code \xHH} for the rest. Thread-safe: the reader and the writer of a session record into one file.
 */
public final class CaptureWriter implements Closeable {

    public static final String HEADER = "# metertap emu2 capture 1";

    private final BufferedWriter out;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private boolean closed;

    public CaptureWriter(Path file, String port) throws IOException {
        this(file, port, System::nanoTime);
    }

    CaptureWriter(Path file, String port, LongSupplier nanoTime) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        out.write(HEADER + "\n# port " + port + ", started " + Instant.now() + "\n");
        out.flush();
    }

    public void opened() {
        event("open", null, 0, 0);
    }

    public void closed() {
        event("close", null, 0, 0);
    }

    public void read(byte[] bytes, int length) {
        event("r", bytes, 0, length);
    }

    public void wrote(byte[] bytes) {
        event("w", bytes, 0, bytes.length);
    }

    private synchronized void event(String kind, byte[] bytes, int from, int length) {
        if (closed) {
            return; // the session's last close, after the capture was finished
        }
        long micros = (nanoTime.getAsLong() - startNanos) / 1000;
        StringBuilder line = new StringBuilder(24 + 2 * length).append(micros / 1_000_000).append('.')
                .append(String.format("%06d", micros % 1_000_000)).append(' ').append(kind);
        if (bytes != null) {
            line.append(' ');
            escape(bytes, from, length, line);
        }
        try {
            out.write(line.append('\n').toString());
            out.flush(); // a capture is for when something goes wrong: keep what was seen even if the process dies
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capture: " + e.getMessage(), e);
        }
    }

    static void escape(byte[] bytes, int from, int length, StringBuilder to) {
        for (int i = from; i < from + length; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\\' -> to.append("\\\\");
                case '\r' -> to.append("\\r");
                case '\n' -> to.append("\\n");
                case '\t' -> to.append("\\t");
                default -> {
                    if (b < 0x20 || b >= 0x7f) {
                        to.append(String.format("\\x%02x", b));
                    } else {
                        to.append((char) b);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }
}
