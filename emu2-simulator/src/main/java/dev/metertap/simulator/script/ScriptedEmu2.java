package dev.metertap.simulator.script;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.device.DeviceSide;
import dev.metertap.simulator.endpoint.Endpoint;
import dev.metertap.simulator.endpoint.PtyEndpoint;
import dev.metertap.simulator.endpoint.TcpEndpoint;
import dev.metertap.simulator.endpoint.WireTiming;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An EMU-2 that says exactly what the test says, behind a real pty or TCP port: script, run, verify, as OkHttp's
 * MockWebServer does. The test writes bytes ({@link #write}), takes the commands the host sent
 * ({@link #awaitCommand}), or queues replies ({@link #enqueue}) that answer the next commands in order. Once replies
 * are queued the script is strict: a command that comes when none is left fails the test at once (the next
 * {@link #awaitCommand} throws, and so does {@link #close}), rather than leaving it to time out.
 *
 * <pre>{@code
 * try (ScriptedEmu2 device = ScriptedEmu2.onPty(dir.resolve("ttyEMU2"))) {
 *     // the collector under test opens device.port()
 *     device.enqueue("<DeviceInfo>…</DeviceInfo>\r\n");
 *     device.write("<InstantaneousDemand>…</InstantaneousDemand>\r\n");
 *     assertThat(device.awaitCommand("get_device_info", Duration.ofSeconds(10)).params()).isEmpty();
 * }
 * }</pre>
 */
public final class ScriptedEmu2 implements DeviceSide, AutoCloseable {

    /** Generous for a loaded machine: the host connects when the test's collector starts. */
    private static final Duration HOST_WAIT = Duration.ofSeconds(30);

    private final Endpoint endpoint;
    private final String port;
    private final BlockingQueue<ReceivedCommand> received = new LinkedBlockingQueue<>();
    private final Deque<byte[]> replies = new ArrayDeque<>();
    private final List<String> outOfScript = new ArrayList<>();
    private boolean strict;

    private ScriptedEmu2(Function<DeviceSide, Endpoint> endpointFor) throws IOException {
        this.endpoint = endpointFor.apply(this);
        endpoint.start();
        this.port = endpoint instanceof TcpEndpoint tcp ? "tcp://127.0.0.1:" + tcp.address().getPort()
                : ((PtyEndpoint) endpoint).portPath();
    }

    /** A pseudo-terminal behind {@code link}. */
    public static ScriptedEmu2 onPty(Path link) throws IOException {
        return new ScriptedEmu2(device -> new PtyEndpoint(link, device, WireTiming.AS_WRITTEN));
    }

    /** A TCP stream on a free loopback port, as ser2net serves a device. */
    public static ScriptedEmu2 onTcp() throws IOException {
        return new ScriptedEmu2(device -> new TcpEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), device, WireTiming.AS_WRITTEN));
    }

    /** What the host opens: the pty's link or {@code tcp://127.0.0.1:PORT}. */
    public String port() {
        return port;
    }

    /** Writes {@code text} (ISO-8859-1) now, exactly. Over TCP, once a host is connected. */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] bytes) {
        if (endpoint instanceof TcpEndpoint tcp) {
            awaitHost(tcp);
        }
        endpoint.send(bytes);
    }

    /** The next command the host sends is answered with {@code reply}; from now on the script is strict. */
    public synchronized ScriptedEmu2 enqueue(String reply) {
        strict = true;
        replies.add(reply.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    @Override
    public void receive(ReceivedCommand command, String origin) {
        byte[] reply;
        synchronized (this) {
            reply = replies.poll();
            if (reply == null && strict) {
                outOfScript.add(command.name());
            }
        }
        if (reply != null) {
            endpoint.send(reply);
        }
        received.add(command);
    }

    /**
     * The next command the host sent, which must be {@code name}.
     *
     * @throws AssertionError when none comes within {@code timeout}, it is another one, or the script ran out
     */
    public ReceivedCommand awaitCommand(String name, Duration timeout) throws InterruptedException {
        failIfOutOfScript();
        ReceivedCommand command = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (command == null) {
            throw new AssertionError("the host sent no command within " + timeout + " (expected " + name + ")");
        }
        if (!command.name().equals(name)) {
            throw new AssertionError("expected the host to send " + name + ", it sent " + command.name());
        }
        failIfOutOfScript();
        return command;
    }

    private synchronized void failIfOutOfScript() {
        if (!outOfScript.isEmpty()) {
            throw new AssertionError("the script ran out of replies: the host also sent " + outOfScript);
        }
    }

    /**
     * The device goes away: the host's reads end. A pty is gone until {@link #replug}; over TCP the connection is
     * closed and the host's next one is served, as a TCP serial server does that lost its device a moment.
     */
    public void unplug() {
        if (endpoint instanceof TcpEndpoint tcp) {
            tcp.dropClients();
        } else {
            endpoint.unplug();
        }
    }

    /** The device comes back at the same port. */
    public void replug() {
        received.clear();
        if (!(endpoint instanceof TcpEndpoint)) {
            endpoint.replug();
        }
    }

    private static void awaitHost(TcpEndpoint tcp) {
        try {
            if (!tcp.awaitClient(HOST_WAIT)) {
                throw new AssertionError("no host connected to " + tcp.address() + " within " + HOST_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a host at " + tcp.address());
        }
    }

    @Override
    public byte[] staleTail(String where) {
        return new byte[0];
    }

    /** @throws AssertionError when a command came after the script ran out */
    @Override
    public void close() {
        endpoint.close();
        failIfOutOfScript();
    }
}
