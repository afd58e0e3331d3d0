package dev.metertap.collector.rtlamr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits rtlamr's output into lines, however the bytes arrive. A line longer than {@code maxLineBytes} (rtlamr's
 * longest, an IDM, is about 1.3 kB) is dropped up to its newline and counted, so one runaway line cannot grow
 * memory; a trailing line without a newline (a cut connection) is dropped too, as incomplete.
 */
public final class RtlamrLines {

    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024;

    private final int maxLineBytes;
    private final byte[] line;
    private int length;
    private boolean overlong;
    private long overlongLines;

    public RtlamrLines(int maxLineBytes) {
        if (maxLineBytes < 256) {
            throw new IllegalArgumentException("max line bytes must be at least 256, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[maxLineBytes];
    }

    /** Reads until end of stream, handing each complete line (without its newline, CR trimmed) to {@code each}. */
    public void readAll(InputStream in, Consumer<String> each) throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            feed(buffer, 0, n, each);
        }
        // what is left had no newline: the writer died mid-line
        length = 0;
        overlong = false;
    }

    public void feed(byte[] bytes, int offset, int count, Consumer<String> each) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!overlong) {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    each.accept(new String(line, 0, end, StandardCharsets.UTF_8));
                }
                length = 0;
                overlong = false;
            } else if (!overlong) {
                if (length == maxLineBytes) {
                    overlong = true;
                    overlongLines++;
                    length = 0;
                } else {
                    line[length++] = b;
                }
            }
        }
    }

    /** Lines dropped for being longer than the bound. */
    public long overlongLines() {
        return overlongLines;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }
}
