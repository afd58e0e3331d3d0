package dev.metertap.collector.emu2.session;

import dev.metertap.simulator.endpoint.PseudoTerminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A scripted device behind a real pseudo-terminal, reached through a stable symlink. */
final class PtyDevice implements ScriptedDevice {

    private final Path link;
    private PseudoTerminal pty;
    private final StringBuilder received = new StringBuilder();

    PtyDevice(Path link) throws IOException {
        this.link = link;
        this.pty = PseudoTerminal.open(link);
    }

    @Override
    public String port() {
        return link.toString();
    }

    @Override
    public void write(String text) throws IOException {
        pty.write(ScriptedDevice.latin1(text));
    }

    @Override
    public void awaitReceived(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[1024];
        while (received.indexOf(text) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("device did not receive " + text + "; got: " + received);
            }
            int n = pty.read(buffer, Duration.ofNanos(left));
            if (n > 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
        received.delete(0, received.indexOf(text) + text.length());
    }

    @Override
    public void unplug() {
        pty.close();
    }

    @Override
    public void replug() throws IOException {
        received.setLength(0);
        pty = PseudoTerminal.open(link);
    }

    @Override
    public void close() {
        pty.close();
    }
}
