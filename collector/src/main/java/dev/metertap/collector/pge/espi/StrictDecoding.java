package dev.metertap.collector.pge.espi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document's bytes as characters, decoded strictly in the encoding its byte order mark or XML declaration names
 * (UTF-8 when neither does). A byte that is no character ends the document with where it is, in words; left to the
 * JDK's parser, it also printed a stray "[Fatal Error] :-1:-1:" line on stderr.
 */
final class StrictDecoding extends Reader {

    private static final int HEAD = 512; // enough for a BOM and an XML declaration
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private long bytesBefore; // bytes consumed before the buffer's first
    private long line = 1;
    private boolean eof;
    private boolean flushed;

    private StrictDecoding(InputStream in, Charset charset, ByteBuffer bytes, boolean eof) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = bytes;
        this.eof = eof;
    }

    static StrictDecoding open(InputStream in) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        boolean eof = false;
        while (bytes.position() < HEAD && !eof) {
            int n = in.read(bytes.array(), bytes.position(), HEAD - bytes.position());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        }
        bytes.flip();
        Charset charset = sniff(bytes);
        StrictDecoding decoding = new StrictDecoding(in, charset, bytes, eof);
        decoding.bytesBefore = 0;
        return decoding;
    }

    /** The encoding, leaving {@code head} after its byte order mark. */
    private static Charset sniff(ByteBuffer head) throws EspiException {
        int b0 = byteAt(head, 0);
        int b1 = byteAt(head, 1);
        int b2 = byteAt(head, 2);
        int b3 = byteAt(head, 3);
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            head.position(3);
            return StandardCharsets.UTF_8;
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            head.position(2);
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            head.position(2);
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0 && b1 == '<' && b2 == 0 && b3 == '?') {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == '<' && b1 == 0 && b2 == '?' && b3 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        Matcher declared = DECLARED.matcher(new String(head.array(), 0, head.limit(), StandardCharsets.ISO_8859_1));
        if (!declared.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(declared.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new EspiException("the document declares the encoding '" + declared.group(1)
                    + "', which is not one this reader knows");
        }
    }

    private static int byteAt(ByteBuffer head, int index) {
        return index < head.limit() ? head.get(index) & 0xFF : -1;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (flushed) {
            return -1; // the parser may ask again after the end
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                countLines(buffer, offset, out.position());
                throw new EspiException("the document is not valid " + decoder.charset().name() + ": byte "
                        + (bytesBefore + bytes.position() + 1) + " (line " + line + ") is not part of any character"
                        + " (saved in another encoding, or damaged)");
            }
            if (out.position() > offset) {
                countLines(buffer, offset, out.position());
                return out.position() - offset;
            }
            if (eof) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                    if (out.position() > offset) {
                        return out.position() - offset;
                    }
                }
                return -1;
            }
            refill();
        }
    }

    private void refill() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void countLines(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
    }

    @Override
    public void close() {
        // the caller owns the stream
    }
}
