package dev.metertap.collector.pge.download;

import java.io.IOException;
import java.io.InputStream;

/**
 * A CSV file's lines, bounded in length and count. Bytes are read as ISO-8859-1, so no byte is ever undecodable:
 * the columns metertap reads are ASCII and are checked cell by cell, and the preamble's name or address (which may
 * be in any encoding) is never interpreted. Reads the stream unbuffered by Java's classes (a named pipe answers
 * {@code available()} with "Illegal seek").
 */
final class CsvLines {

    private final InputStream in;
    private final int maxLength;
    private final long maxLines;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long number;
    private boolean eof;

    CsvLines(InputStream in, int maxLength, long maxLines) {
        this.in = in;
        this.maxLength = maxLength;
        this.maxLines = maxLines;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), or null at the end of the file. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            char c = (char) (buffer[position++] & 0xFF);
            if (c == '\n') {
                break;
            }
            if (line.length() == maxLength) {
                throw new CsvException(String.format("line %,d is longer than %,d characters: not a Green Button CSV",
                        number + 1, maxLength));
            }
            line.append(c);
        }
        number++;
        if (number > maxLines) {
            throw new CsvException(String.format("the file has more than %,d lines, more than metertap imports "
                    + "from one CSV (split it, or download a shorter period)", maxLines));
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** The number of the line {@link #next} returned last (1 for the first). */
    long number() {
        return number;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
