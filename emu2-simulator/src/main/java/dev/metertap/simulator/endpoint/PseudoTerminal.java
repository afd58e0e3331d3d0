package dev.metertap.simulator.endpoint;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * A POSIX pseudo-terminal made in-process: the master side is ours, the slave side is a real tty
 * path that serial software (jSerialComm, pyserial, socat) opens like a USB serial port.
 *
 * <p>The master is put in raw mode at once, so nothing written by either side is echoed or
 * translated. The slave is held open by this object too: bytes written before a reader opens the
 * port stay queued (as a real device's stale bytes do), and the master never sees a hang-up while
 * readers come and go. {@link #close()} is the unplug: readers of the slave get end-of-file.
 *
 * <p>The master is in packet mode (TIOCPKT): when a reader of the slave flushes what it has not read yet (pyserial and
 * metertap do at open, {@code tcflush(TCIFLUSH)}), the master reads a control byte, and {@link #onInputFlushed} hears
 * of it; that is how the device side learns that a host has just attached. {@link #read} returns data only.
 *
 * <p>Optionally a symlink (for example {@code /tmp/emu2/ttyEMU2}) is pointed at the slave, so a
 * reader can be configured with one stable path across unplug and replug; it is replaced
 * atomically.
 */
public final class PseudoTerminal implements Closeable {

    private static final int O_RDWR = 0x2;
    private static final int O_NOCTTY = Platform.isMac() ? 0x20000 : 0x100;
    private static final int O_NONBLOCK = Platform.isMac() ? 0x4 : 0x800;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int TCSANOW = 0;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final int EAGAIN = Platform.isMac() ? 35 : 11;
    private static final int EINTR = 4;
    private static final long TIOCPKT = Platform.isMac() ? 0x80047470L : 0x5420L;
    /** Packet mode's first byte: data follows. Else the byte is a control status. */
    private static final byte TIOCPKT_DATA = 0;
    private static final int TIOCPKT_FLUSHREAD = 0x1;
    /** How long a blocked read or write waits before it checks whether the terminal was closed. */
    private static final int POLL_SLICE_MS = 50;

    private final int master;
    private final int heldSlave;
    private final String slavePath;
    private final Path link;
    private volatile boolean closed;
    private volatile Runnable inputFlushed = () -> { };

    private PseudoTerminal(int master, int heldSlave, String slavePath, Path link) {
        this.master = master;
        this.heldSlave = heldSlave;
        this.slavePath = slavePath;
        this.link = link;
    }

    /** Opens a new pseudo-terminal with no symlink. */
    public static PseudoTerminal open() throws IOException {
        return open(null);
    }

    /**
     * Opens a new pseudo-terminal and, when {@code link} is given, points that symlink at its slave
     * (creating parent directories, replacing whatever the link pointed at before).
     */
    public static PseudoTerminal open(Path link) throws IOException {
        if (!Platform.isLinux() && !Platform.isMac()) {
            throw new IOException("pseudo-terminals need Linux or macOS, not " + System.getProperty("os.name"));
        }
        LibC c = LibC.INSTANCE;
        int master = -1;
        int slave = -1;
        try {
            master = c.posix_openpt(O_RDWR | O_NOCTTY);
            c.grantpt(master);
            c.unlockpt(master);
            String slavePath = slaveName(master);
            makeRaw(master);
            c.ioctl(master, new NativeLong(TIOCPKT), new int[]{1});
            slave = c.open(slavePath, O_RDWR | O_NOCTTY);
            c.fcntl(master, F_SETFL, c.fcntl(master, F_GETFL, 0) | O_NONBLOCK);
            if (link != null) {
                pointLink(link, Path.of(slavePath));
            }
            return new PseudoTerminal(master, slave, slavePath, link);
        } catch (LastErrorException e) {
            closeQuietly(slave);
            closeQuietly(master);
            throw new IOException("cannot create a pseudo-terminal: errno " + e.getErrorCode(), e);
        }
    }

    private static synchronized String slaveName(int master) {
        // ptsname uses a static buffer: synchronised, and copied at once
        return LibC.INSTANCE.ptsname(master);
    }

    private static void makeRaw(int fd) {
        // termios differs in layout between systems; it is only passed back and forth, never read
        LibC.Termios termios = new LibC.Termios();
        LibC.INSTANCE.tcgetattr(fd, termios);
        LibC.INSTANCE.cfmakeraw(termios);
        LibC.INSTANCE.tcsetattr(fd, TCSANOW, termios);
    }

    private static void pointLink(Path link, Path target) throws IOException {
        Path parent = link.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + link.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, target);
        Files.move(temp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The slave device, for example {@code /dev/pts/7}. */
    public String slavePath() {
        return slavePath;
    }

    /** The symlink pointed at the slave, if one was asked for. */
    public Optional<Path> link() {
        return Optional.ofNullable(link);
    }

    /** The path a reader should open: the symlink when there is one, else the slave. */
    public String portPath() {
        return link != null ? link.toString() : slavePath;
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Writes every byte, waiting while the terminal's buffer is full (nobody reading).
     *
     * @throws IOException when the terminal is closed before everything was written
     */
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = offer(bytes, offset + done, length - done);
            done += n;
            if (done < length && n == 0) {
                await(POLLOUT, POLL_SLICE_MS);
            }
        }
    }

    /**
     * Writes as many bytes as fit now, without waiting.
     *
     * @return the number written, 0 when the buffer is full
     */
    public int offer(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        if (length == 0) {
            return 0;
        }
        byte[] chunk = offset == 0 && length == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        int n = LibC.INSTANCE.write(master, chunk, length);
        if (n >= 0) {
            return n;
        }
        int errno = Native.getLastError();
        if (errno == EAGAIN || errno == EINTR) {
            return 0;
        }
        throw new IOException("write to pseudo-terminal " + slavePath + " failed: errno " + errno);
    }

    /**
     * Called on the thread that {@link #read}s when a reader of the slave discards its unread input (its open-time
     * flush): whatever is written next is the first thing it reads.
     */
    public void onInputFlushed(Runnable listener) {
        this.inputFlushed = listener;
    }

    /**
     * Reads what the other side wrote, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing came in time, -1 once closed
     */
    public int read(byte[] buffer, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] packet = new byte[buffer.length + 1];
        while (!closed) {
            int n = LibC.INSTANCE.read(master, packet, packet.length);
            if (n > 1 && packet[0] == TIOCPKT_DATA) {
                System.arraycopy(packet, 1, buffer, 0, n - 1);
                return n - 1;
            }
            if (n == 1 && packet[0] != TIOCPKT_DATA) {
                if ((packet[0] & TIOCPKT_FLUSHREAD) != 0) {
                    inputFlushed.run();
                }
                continue;
            }
            if (n > 0) {
                continue; // an empty data packet
            }
            int errno = n < 0 ? Native.getLastError() : EAGAIN;
            if (errno != EAGAIN && errno != EINTR) {
                throw new IOException("read from pseudo-terminal " + slavePath + " failed: errno " + errno);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            await(POLLIN, (int) Math.min(POLL_SLICE_MS, Math.max(1, left / 1_000_000)));
        }
        return -1;
    }

    private void await(short event, int millis) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting on " + slavePath);
        }
        ensureOpen();
        LibC.PollFd pollFd = new LibC.PollFd();
        pollFd.fd = master;
        pollFd.events = event;
        LibC.INSTANCE.poll(pollFd, 1, millis);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("pseudo-terminal " + slavePath + " is closed");
        }
    }

    /**
     * Closes both sides (the unplug). The symlink is left in place, dangling, as a removed USB
     * device's by-id link would be removed; call {@link #removeLink()} for that.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(heldSlave);
        closeQuietly(master);
    }

    /** Removes the symlink if it still points at this terminal's slave. */
    public void removeLink() throws IOException {
        if (link != null && Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals(slavePath)) {
            Files.deleteIfExists(link);
        }
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            LibC.INSTANCE.close(fd);
        }
    }

    @Override
    public String toString() {
        return "PseudoTerminal[" + portPath() + (closed ? ", closed" : "") + "]";
    }
}
