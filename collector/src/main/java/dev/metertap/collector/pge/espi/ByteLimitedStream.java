package dev.metertap.collector.pge.espi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes the XML parser pulls and refuses to go past the limit (an endless or huge body). */
final class ByteLimitedStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    ByteLimitedStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws EspiException {
        count += n;
        if (count > maxBytes) {
            throw new EspiException("the document is larger than the limit of " + maxBytes + " bytes");
        }
    }
}
