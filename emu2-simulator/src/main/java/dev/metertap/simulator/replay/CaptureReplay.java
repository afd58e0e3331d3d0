package dev.metertap.simulator.replay;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.device.DeviceSide;
import dev.metertap.simulator.endpoint.Ports;
import dev.metertap.simulator.endpoint.PtyEndpoint;
import dev.metertap.simulator.endpoint.TcpEndpoint;
import dev.metertap.simulator.endpoint.WireTiming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a capture of a real EMU-2 back over a pty and/or TCP: what the device wrote, at the recorded timing (or
 * {@code speed} times faster), from the moment a host sends its first command (the recording's host did so just
 * after it opened the port). The device's replies are in the recording; a command the recording's host never sent
 * has no answer there, and the replay says so (the log, {@link #unanswered()}) and plays on.
 */
public final class CaptureReplay implements DeviceSide, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureReplay.class);

    private final Capture capture;
    private final double speed;
    private final Ports ports = new Ports();
    private final LinkedList<String> answerable;
    private final List<String> unanswered = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private PtyEndpoint pty;
    private TcpEndpoint tcp;
    private Thread player;
    private volatile boolean closed;

    /**
     * @param link  the pty's symlink, or null for no pty
     * @param tcp   where to serve it over TCP, or null for none
     * @param speed recorded seconds per wall second (1: as recorded)
     */
    public CaptureReplay(Capture capture, Path link, InetSocketAddress tcp, double speed) throws IOException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("the replay speed must be positive");
        }
        this.capture = capture;
        this.speed = speed;
        this.answerable = new LinkedList<>(capture.commandsWritten());
        if (link != null) {
            pty = new PtyEndpoint(link, this, WireTiming.AS_WRITTEN);
            ports.add(pty);
        }
        if (tcp != null) {
            this.tcp = new TcpEndpoint(tcp, this, WireTiming.AS_WRITTEN);
            ports.add(this.tcp);
        }
    }

    public CaptureReplay start() throws IOException {
        if (pty != null) {
            pty.start();
        }
        if (tcp != null) {
            tcp.start();
        }
        return this;
    }

    @Override
    public synchronized void receive(ReceivedCommand command, String origin) {
        if (player == null) {
            player = new Thread(this::play, "emu2-replay");
            player.setDaemon(true);
            player.start();
        }
        if (!answerable.remove(command.name())) {
            unanswered.add(command.name());
            LOG.warn("the capture holds no answer to {} (from {}): the replay goes on with what the device wrote", command.name(),
                    origin);
        }
    }

    @Override
    public byte[] staleTail(String where) {
        return new byte[0];
    }

    private void play() {
        long origin = capture.chunks().stream().filter(c -> c.kind() == Capture.Kind.WRITE).findFirst()
                .map(Capture.Chunk::micros).orElse(0L);
        long startNanos = System.nanoTime();
        for (Capture.Chunk chunk : capture.chunks()) {
            if (closed) {
                return;
            }
            if (chunk.kind() != Capture.Kind.READ) {
                continue;
            }
            long due = startNanos + (long) (Math.max(0, chunk.micros() - origin) * 1000 / speed);
            long wait;
            while (!closed && (wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            ports.write(chunk.bytes());
        }
        finished.countDown();
        LOG.info("the capture has been replayed");
    }

    /** Waits until every recorded read has been sent (false if not within {@code timeout}). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Bytes sent but not yet taken by the readers. */
    public long pendingBytes() {
        return ports.pendingBytes();
    }

    /** Commands a host sent that the recording holds no answer to, in order. */
    public synchronized List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    public Optional<String> portPath() {
        return Optional.ofNullable(pty).map(PtyEndpoint::portPath);
    }

    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcp).map(TcpEndpoint::address);
    }

    @Override
    public void close() {
        closed = true;
        ports.close();
    }
}
