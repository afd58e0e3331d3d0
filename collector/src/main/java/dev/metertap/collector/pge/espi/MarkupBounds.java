package dev.metertap.collector.pge.espi;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds every run of characters the XML parser would hold whole before it reports it: a comment, a processing
 * instruction, a CDATA section, a text between tags and a tag with its attributes are each refused past the limit
 * while they stream (the JDK's limits bound none of them, and StAX reports a comment as one event). A DOCTYPE is
 * refused as soon as it starts, before its internal subset is read.
 */
final class MarkupBounds extends FilterReader {

    static final String DOCTYPE_REFUSED =
            "the document has a DOCTYPE; ESPI documents have none and DTDs are refused (XXE, entity expansion)";
    private static final String CDATA_OPEN = "[CDATA[";

    private enum State { TEXT, LESS_THAN, BANG, BANG_DASH, COMMENT, PROCESSING_INSTRUCTION, CDATA_OPENING, CDATA, TAG, QUOTED }

    private final int limit;
    private State state = State.TEXT;
    private int run;      // characters in the current run
    private int closers;  // '-', '?' or ']' just seen: the run's end is near
    private int matched;  // characters of "[CDATA[" matched so far
    private char quote;

    MarkupBounds(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        int end = offset + n;
        int i = offset;
        while (i < end) {
            // text and tags are nearly all of a feed: skim them in tight loops, the rest char by char
            switch (state) {
                case TEXT -> {
                    int from = i;
                    while (i < end && buffer[i] != '<') {
                        i++;
                    }
                    counted(i - from, "an element's text");
                    if (i < end) {
                        i++;
                        state = State.LESS_THAN;
                    }
                }
                case TAG -> {
                    int from = i;
                    for (char c; i < end && (c = buffer[i]) != '>' && c != '"' && c != '\''; ) {
                        i++;
                    }
                    counted(i - from, "a tag");
                    if (i < end) {
                        scan(buffer[i++]);
                    }
                }
                case QUOTED -> {
                    int from = i;
                    while (i < end && buffer[i] != quote) {
                        i++;
                    }
                    counted(i - from, "a tag");
                    if (i < end) {
                        scan(buffer[i++]);
                    }
                }
                default -> scan(buffer[i++]);
            }
        }
        return n;
    }

    private void counted(int chars, String what) throws EspiException {
        run += chars;
        if (run > limit) {
            throw new EspiException(what + " is longer than the limit of " + limit + " characters");
        }
    }

    @Override
    public long skip(long n) throws IOException {
        char[] skipped = new char[(int) Math.min(Math.max(n, 0), 8192)]; // read, so that what is skipped is scanned
        int read = skipped.length == 0 ? 0 : read(skipped, 0, skipped.length);
        return Math.max(read, 0);
    }

    private void scan(char c) throws EspiException {
        switch (state) {
            case TEXT -> {
                if (c == '<') {
                    state = State.LESS_THAN;
                } else {
                    count("an element's text");
                }
            }
            case LESS_THAN -> {
                switch (c) {
                    case '!' -> state = State.BANG;
                    case '?' -> begin(State.PROCESSING_INSTRUCTION);
                    default -> begin(State.TAG);
                }
            }
            case BANG -> {
                switch (c) {
                    case '-' -> state = State.BANG_DASH;
                    case '[' -> {
                        state = State.CDATA_OPENING;
                        matched = 1;
                    }
                    case 'D' -> throw new EspiException(DOCTYPE_REFUSED);
                    default -> begin(State.TAG); // not XML; the parser says so
                }
            }
            case BANG_DASH -> begin(c == '-' ? State.COMMENT : State.TAG);
            case CDATA_OPENING -> {
                if (c != CDATA_OPEN.charAt(matched)) {
                    begin(State.TAG);
                } else if (++matched == CDATA_OPEN.length()) {
                    begin(State.CDATA);
                }
            }
            case COMMENT -> ending(c, '-', 2, "a comment");
            case PROCESSING_INSTRUCTION -> ending(c, '?', 1, "a processing instruction");
            case CDATA -> ending(c, ']', 2, "a CDATA section");
            case TAG -> {
                if (c == '>') {
                    begin(State.TEXT);
                } else {
                    if (c == '"' || c == '\'') {
                        quote = c;
                        state = State.QUOTED;
                    }
                    count("a tag");
                }
            }
            case QUOTED -> {
                if (c == quote) {
                    state = State.TAG;
                }
                count("a tag");
            }
        }
    }

    /** Inside a run that ends with {@code needed} × {@code closer} and then '>'. */
    private void ending(char c, char closer, int needed, String what) throws EspiException {
        if (c == '>' && closers >= needed) {
            begin(State.TEXT);
            return;
        }
        closers = c == closer ? closers + 1 : 0;
        count(what);
    }

    private void begin(State next) {
        state = next;
        run = 0;
        closers = 0;
    }

    private void count(String what) throws EspiException {
        if (++run > limit) {
            throw new EspiException(what + " is longer than the limit of " + limit + " characters");
        }
    }
}
