package dev.metertap.simulator.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

/** Test helper: reads a serial port (or any stream) on its own thread; the test waits for bytes with a deadline. */
public final class PortReader implements Closeable {

    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private final Closeable source;
    private final Thread thread;
    private boolean ended;
    private IOException failure;

    private PortReader(InputStream in, Closeable source) {
        this.source = source;
        this.thread = new Thread(() -> pump(in), "test-port-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens a serial port path (a pty slave or a symlink to one) read-write, as serial software does. */
    public static PortReader open(Path port, RandomAccessFile[] writerOut) throws IOException {
        RandomAccessFile file = new RandomAccessFile(port.toFile(), "rw");
        if (writerOut != null) {
            writerOut[0] = file;
        }
        return new PortReader(new InputStream() {
            @Override
            public int read() throws IOException {
                return file.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return file.read(b, off, len);
            }
        }, file);
    }

    public static PortReader of(InputStream in) {
        return new PortReader(in, in);
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[65536];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    got.write(buffer, 0, n);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Waits until at least {@code count} bytes have been read; returns all bytes so far. */
    public synchronized byte[] awaitBytes(long count, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new TimeoutException("read " + got.size() + " of " + count + " bytes" + (ended ? "; the port ended (" + failure + ")" : " within " + timeout));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return got.toByteArray();
    }

    /** Waits until the read text contains {@code text} (ISO-8859-1); returns everything read. */
    public synchronized String awaitText(String text, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                String sofar = got.toString(StandardCharsets.ISO_8859_1);
                throw new TimeoutException("no '" + text + "' in " + got.size() + " bytes read: ..." + sofar.substring(Math.max(0, sofar.length() - 300)));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** Waits until the port reports end-of-file or an error (the unplug). */
    public synchronized void awaitEnd(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the port did not end within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized byte[] bytes() {
        return got.toByteArray();
    }

    public synchronized byte[] first(int n) {
        return Arrays.copyOf(got.toByteArray(), n);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
