package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.device.DeviceSide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The device as a serial port: a pseudo-terminal behind a stable symlink. Unplug closes it (readers
 * get end-of-file) and removes the link; replug makes a new pseudo-terminal at the same link.
 */
public final class PtyEndpoint implements Endpoint {

    /** Where the link goes unless told otherwise. */
    public static final Path DEFAULT_LINK = Path.of("/tmp/emu2/ttyEMU2");
    private static final Logger LOG = LoggerFactory.getLogger(PtyEndpoint.class);

    private final Path link;
    private final DeviceSide device;
    private final Outlet outlet;
    private volatile PseudoTerminal pty;

    /** @param link the symlink to keep pointed at the current pty, or null for none */
    public PtyEndpoint(Path link, DeviceSide device, WireTiming timing) {
        this.link = link;
        this.device = device;
        this.outlet = new Outlet("pty", this::write, timing);
    }

    private void write(byte[] bytes) throws IOException {
        PseudoTerminal current = pty;
        if (current == null) {
            throw new IOException("unplugged");
        }
        current.write(bytes);
    }

    @Override
    public synchronized void start() throws IOException {
        outlet.start();
        open();
    }

    private void open() throws IOException {
        PseudoTerminal opened = PseudoTerminal.open(link);
        pty = opened;
        opened.onInputFlushed(() -> hostAttached(opened));
        Thread reader = new Thread(() -> readCommands(opened), "emu2-pty-in");
        reader.setDaemon(true);
        reader.start();
        LOG.info("EMU-2 serial port at {} ({})", opened.portPath(), opened.slavePath());
    }

    /**
     * A host opened the port and flushed what was queued (pyserial and metertap do): on a device that is running, it
     * reads the rest of whatever is being written first. Mid-write, that is the rest of the write; otherwise fault
     * {@code stale-tail} puts the tail of an old fragment first, queued before anything the device writes next. The flush
     * is heard a moment after it happened, and the outlet is not locked meanwhile, so a write already queued that begins
     * in between goes out whole before the tail.
     */
    private void hostAttached(PseudoTerminal at) {
        if (outlet.midWrite()) {
            LOG.debug("host attached at {} mid-write: it reads the rest of that write first", at.portPath());
            return;
        }
        try {
            device.hostAttached("pty " + at.portPath(), outlet::sendFirst);
        } catch (RuntimeException e) {
            LOG.warn("no stale tail for the host at {}: {}", at.portPath(), e.toString()); // the port reads on regardless
        }
    }

    private void readCommands(PseudoTerminal from) {
        CommandIntake intake = new CommandIntake(device, "pty");
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = from.read(buffer, Duration.ofMillis(500))) >= 0) {
                if (n > 0) {
                    intake.accept(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            LOG.debug("pty reader stops: {}", e.toString());
        }
    }

    /** The path a reader opens: the symlink, else the pty's own path; null while unplugged. */
    public String portPath() {
        PseudoTerminal current = pty;
        if (link != null) {
            return link.toString();
        }
        return current == null ? null : current.portPath();
    }

    /** The current pseudo-terminal's slave, e.g. {@code /dev/pts/7}; null while unplugged. */
    public String slavePath() {
        PseudoTerminal current = pty;
        return current == null ? null : current.slavePath();
    }

    @Override
    public void send(byte[] bytes) {
        if (pty != null) {
            outlet.send(bytes);
        }
    }

    @Override
    public synchronized void unplug() {
        PseudoTerminal current = pty;
        pty = null;
        outlet.clear();
        if (current != null) {
            current.close();
            try {
                current.removeLink();
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", link, e.toString());
            }
            LOG.info("EMU-2 unplugged ({} gone)", current.portPath());
        }
    }

    @Override
    public synchronized void replug() {
        if (pty != null) {
            return;
        }
        try {
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replug the pseudo-terminal", e);
        }
    }

    @Override
    public boolean awaitWritten(long deadlineNanos) throws InterruptedException {
        return outlet.awaitDrained(deadlineNanos);
    }

    @Override
    public long pendingBytes() {
        return outlet.pendingBytes();
    }

    @Override
    public synchronized void close() {
        outlet.close();
        PseudoTerminal current = pty;
        pty = null;
        if (current != null) {
            current.close();
            try {
                current.removeLink();
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", link, e.toString());
            }
        }
    }
}
