package dev.metertap.collector.emu2.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The device side of a session test: the test writes its bytes and reads what the collector sent. */
interface ScriptedDevice extends AutoCloseable {

    /** The port the collector is configured with. */
    String port();

    void write(String text) throws IOException;

    /** Reads until {@code text} has been received, or fails after {@code timeout}. */
    void awaitReceived(String text, Duration timeout) throws IOException;

    /** The device goes away: the collector's reads end. */
    void unplug() throws IOException;

    /** The device comes back at the same port. */
    void replug() throws IOException;

    @Override
    void close() throws IOException;

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
