package dev.metertap.collector.rtlamr;

import java.io.IOException;
import java.io.InputStream;

/** Where rtlamr's JSON lines come from: a child process, a TCP stream, or standard input. */
public interface RtlamrFeed {

    /** Starts the process or opens the connection. */
    Connection open() throws IOException;

    /** Whether a feed that ended may be opened again (standard input may not). */
    boolean restartable();

    /** For messages: {@code rtlamr (pid 1234)}, {@code tcp://host:port}. */
    String describe();

    /** One opened feed. {@link #close()} may be called from another thread to end a blocked read. */
    interface Connection extends AutoCloseable {

        InputStream lines();

        /** After the stream ended: why, in the user's words ("exited with status 1", "the connection closed"). */
        String whyEnded();

        /** Stops the process or closes the connection; safe to call twice. */
        @Override
        void close();

        String describe();
    }
}
