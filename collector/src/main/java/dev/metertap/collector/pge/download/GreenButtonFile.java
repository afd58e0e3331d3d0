package dev.metertap.collector.pge.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Which form of Green Button a file is, told from its first bytes, never its name: XML (an ESPI feed) starts with
 * {@code <} after an optional byte order mark and white space, or is UTF-16; anything else is read as a Download My
 * Data CSV. An empty file goes to the XML parser, which has its own words for it.
 *
 * @param stream the whole file again, the bytes looked at included
 */
public record GreenButtonFile(Kind kind, InputStream stream) {

    public enum Kind { ESPI_XML, DOWNLOAD_CSV }

    private static final int HEAD = 256;

    /** Reads up to {@value #HEAD} bytes of {@code in} (unbuffered: a named pipe works) to tell the form. */
    public static GreenButtonFile sniff(InputStream in) throws IOException {
        byte[] head = new byte[HEAD];
        int length = 0;
        for (int n; length < HEAD && (n = in.read(head, length, HEAD - length)) > 0; ) {
            length += n;
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(head, length)), in);
        return new GreenButtonFile(isXml(head, length) ? Kind.ESPI_XML : Kind.DOWNLOAD_CSV, whole);
    }

    private static boolean isXml(byte[] head, int length) {
        if (length == 0) {
            return true;
        }
        int b0 = head[0] & 0xFF;
        int b1 = length > 1 ? head[1] & 0xFF : -1;
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || b0 == 0 || b1 == 0) {
            return true; // UTF-16, with or without a byte order mark: no PG&E CSV is
        }
        int i = length >= 3 && b0 == 0xEF && b1 == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i == length || head[i] == '<';
    }
}
