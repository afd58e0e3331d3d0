package dev.metertap.pgemock.espi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.xml.stream.XMLStreamException;

/**
 * An input stream whose bytes are written, one step at a time, only when the reader wants more: a feed of any
 * length is served from a buffer of one step (one day of one usage point) without a writer thread. Nothing is
 * written before the first read, so opening and closing it unread costs nothing.
 */
final class SteppedStream extends InputStream {

    /** Writes the document in steps. */
    interface Steps {
        /** Writes the first step into {@code sink}, which receives every later step too. */
        void open(OutputStream sink) throws XMLStreamException, IOException;

        /** Writes the next step; false when the document is complete and nothing was written. */
        boolean next() throws XMLStreamException, IOException;
    }

    private final Steps steps;
    private final Sink sink = new Sink();
    private boolean opened;
    private boolean done;
    private int position;

    SteppedStream(Steps steps) {
        this.steps = steps;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == sink.size() && !done) {
            sink.reset();
            position = 0;
            try {
                if (!opened) {
                    opened = true;
                    steps.open(sink);
                } else {
                    done = !steps.next();
                }
            } catch (XMLStreamException e) {
                throw AtomWriter.asIoException(e);
            }
        }
        if (position == sink.size()) {
            return -1;
        }
        int count = Math.min(length, sink.size() - position);
        System.arraycopy(sink.bytes(), position, into, offset, count);
        position += count;
        return count;
    }

    /** A byte array output stream whose array the stream reads in place. */
    private static final class Sink extends ByteArrayOutputStream {
        Sink() {
            super(1 << 16);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
