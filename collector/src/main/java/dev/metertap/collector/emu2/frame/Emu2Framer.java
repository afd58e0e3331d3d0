package dev.metertap.collector.emu2.frame;

/**
 * Turns the EMU-2's byte stream into complete top-level fragments, whatever the chunking.
 *
 * <p>The grammar is tiny: {@code <Root>} then children {@code <Name>text</Name>} separated by
 * whitespace, then {@code </Root>}; no attributes, declarations, comments or nesting beyond that.
 * The framer checks that shape as it scans and records where each child's name and value lie,
 * so the parser never scans a fragment twice. Tag names compare case-insensitively.
 *
 * <p>Recovery, because the device cuts its own writes short:
 * <ul>
 *   <li>a known root start tag inside an open fragment, or any start tag inside a child's text,
 *       means the open fragment was cut: it is discarded (counted as clobbered) and the new tag
 *       starts the next fragment;</li>
 *   <li>a {@code <} inside a tag means the tag was cut: same recovery;</li>
 *   <li>bytes outside any fragment (a stale tail at open, NULs, noise), and "fragments" that turn
 *       out to be stray children of a lost fragment, are skipped and counted;</li>
 *   <li>a fragment over the size bound, a mismatched end tag or an invalid tag ({@code <!DOCTYPE},
 *       {@code <?xml}, attributes) discards the open fragment; nothing is ever expanded.</li>
 * </ul>
 * Not thread-safe: one framer per byte stream. Retains no state per fragment; memory is the
 * fixed buffer.
 */
public final class Emu2Framer {

    public static final int DEFAULT_MAX_FRAGMENT_BYTES = 16 * 1024;
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_CHILDREN = 256;

    private static final int OUTSIDE = 0;   // between fragments
    private static final int IN_ROOT = 1;   // inside the root, between children
    private static final int IN_CHILD = 2;  // inside a child's text
    private static final int IN_TAG = 3;    // between '<' and '>'

    private final byte[] buffer;
    private final Fragment fragment;
    private final FramerCounters counters = new FramerCounters();

    private int state = OUTSIDE;
    private int depth;        // 0 outside, 1 in root, 2 in child; kept while IN_TAG
    private int length;       // bytes of the open fragment (or of a tag opened outside one)
    private int tagStart;     // index of the open tag's '<'

    public Emu2Framer() {
        this(DEFAULT_MAX_FRAGMENT_BYTES);
    }

    public Emu2Framer(int maxFragmentBytes) {
        if (maxFragmentBytes < 64) {
            throw new IllegalArgumentException("max fragment size must be at least 64 bytes, was " + maxFragmentBytes);
        }
        this.buffer = new byte[maxFragmentBytes];
        this.fragment = new Fragment(buffer, MAX_CHILDREN);
    }

    /** What the framer has accepted, discarded and skipped so far. */
    public FramerCounters counters() {
        return counters;
    }

    /** Forgets any open fragment: call when the byte stream starts again (a new connection). */
    public void reset() {
        if (depth > 0) {
            counters.skipped += length;
        }
        state = OUTSIDE;
        depth = 0;
        length = 0;
    }

    /**
     * Feeds bytes; calls {@code handler} once for each fragment they complete. The fragment passed
     * is a view valid only during the call ({@link Fragment#copy()} keeps one).
     */
    public void feed(byte[] bytes, int offset, int count, FragmentHandler handler) {
        int i = offset;
        int end = offset + count;
        while (i < end) {
            switch (state) {
                case OUTSIDE -> i = skipOutside(bytes, i, end);
                case IN_ROOT -> i = scanRootWhitespace(bytes, i, end);
                case IN_CHILD -> i = copyChildText(bytes, i, end);
                default -> i = scanTag(bytes, i, end, handler);
            }
        }
    }

    public void feed(byte[] bytes, FragmentHandler handler) {
        feed(bytes, 0, bytes.length, handler);
    }

    private int skipOutside(byte[] bytes, int i, int end) {
        int j = i;
        while (j < end && bytes[j] != '<') {
            j++;
        }
        counters.skipped += j - i;
        if (j < end) {
            length = 0;
            openTag();
            j++;
        }
        return j;
    }

    private int scanRootWhitespace(byte[] bytes, int i, int end) {
        int j = i;
        while (j < end) {
            byte b = bytes[j];
            if (b == '<') {
                if (!append(bytes, i, j - i)) {
                    return j;
                }
                openTag();
                return j + 1;
            }
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
                // text directly inside the "root": it was a stray child of a lost fragment
                append(bytes, i, j - i);
                discardNotAFragment();
                return j;
            }
            j++;
        }
        append(bytes, i, j - i);
        return j;
    }

    private int copyChildText(byte[] bytes, int i, int end) {
        int j = i;
        while (j < end && bytes[j] != '<') {
            j++;
        }
        if (!append(bytes, i, j - i)) {
            return j;
        }
        if (j < end) {
            openTag();
            j++;
        }
        return j;
    }

    private int scanTag(byte[] bytes, int i, int end, FragmentHandler handler) {
        int j = i;
        while (j < end) {
            byte b = bytes[j];
            if (b == '>') {
                if (!append(bytes, i, j - i + 1)) {
                    return j + 1;
                }
                closeTag(handler);
                return j + 1;
            }
            if (b == '<') {
                // the tag was cut by a new write: what was open is lost; start again here
                append(bytes, i, j - i);
                discard(true);
                return j;
            }
            int position = length + (j - i) - tagStart;  // 1 = just after '<'
            boolean valid = b == '/' ? position == 1 : isNameByte(b);
            if (!valid || position > MAX_NAME_LENGTH + 1) {
                // not a tag of this grammar (<!DOCTYPE, <?xml, attributes, an overlong name)
                append(bytes, i, j - i);
                discardInvalid();
                return j;
            }
            j++;
        }
        append(bytes, i, j - i);
        return j;
    }

    private void openTag() {
        if (length == buffer.length) {
            // not even room for the '<': the open fragment is too big
            counters.oversized++;
            dropFragment();
        }
        tagStart = length;
        buffer[length++] = '<';
        state = IN_TAG;
    }

    private void closeTag(FragmentHandler handler) {
        boolean endTag = buffer[tagStart + 1] == '/';
        int nameStart = tagStart + (endTag ? 2 : 1);
        int nameLength = length - 1 - nameStart;
        if (nameLength <= 0) {
            discardInvalid();
            return;
        }
        if (endTag) {
            closeElement(nameStart, nameLength, handler);
        } else {
            openElement(nameStart, nameLength);
        }
    }

    private void openElement(int nameStart, int nameLength) {
        if (depth == 0) {
            fragment.begin(nameStart, nameLength);
            depth = 1;
            state = IN_ROOT;
        } else if (depth == 2 || KnownRoots.contains(buffer, nameStart, nameLength)) {
            // a new fragment started inside this one: the device cut its own write short
            counters.clobbered++;
            restartAtOpenTag();
        } else if (fragment.childCount() == MAX_CHILDREN) {
            counters.oversized++;
            dropFragment();
        } else {
            fragment.beginChild(nameStart, nameLength, length);
            depth = 2;
            state = IN_CHILD;
        }
    }

    private void closeElement(int nameStart, int nameLength, FragmentHandler handler) {
        if (depth == 0) {
            counters.skipped += length;  // a stray end tag between fragments
            length = 0;
            state = OUTSIDE;
        } else if (depth == 2) {
            if (fragment.openChildNameEquals(nameStart, nameLength)) {
                fragment.endChild(tagStart);
                depth = 1;
                state = IN_ROOT;
            } else {
                counters.malformed++;
                dropFragment();
            }
        } else if (!fragment.rootNameEquals(nameStart, nameLength)) {
            counters.malformed++;
            dropFragment();
        } else if (fragment.childCount() == 0) {
            discardNotAFragment();  // e.g. a stray empty child such as <RateLabel></RateLabel>
        } else {
            fragment.end(length);
            counters.fragments++;
            length = 0;
            depth = 0;
            state = OUTSIDE;
            handler.onFragment(fragment);
        }
    }

    /** Moves the open start tag to the front of the buffer and makes it the new root. */
    private void restartAtOpenTag() {
        int tagLength = length - tagStart;
        System.arraycopy(buffer, tagStart, buffer, 0, tagLength);
        length = tagLength;
        fragment.begin(1, tagLength - 2);
        depth = 1;
        state = IN_ROOT;
    }

    /** Appends to the open fragment; on overflow drops it and returns false. */
    private boolean append(byte[] bytes, int from, int count) {
        if (length + count > buffer.length) {
            if (depth > 0) {
                counters.oversized++;
                dropFragment();
            } else {
                counters.skipped += length + count;
                length = 0;
                state = OUTSIDE;
            }
            return false;
        }
        System.arraycopy(bytes, from, buffer, length, count);
        length += count;
        return true;
    }

    private void discard(boolean cut) {
        if (depth > 0) {
            if (cut) {
                counters.clobbered++;
            } else {
                counters.malformed++;
            }
            dropFragment();
        } else {
            counters.skipped += length;
            length = 0;
            state = OUTSIDE;
        }
    }

    private void discardInvalid() {
        discard(false);
    }

    private void discardNotAFragment() {
        counters.skipped += length;
        length = 0;
        depth = 0;
        state = OUTSIDE;
    }

    private void dropFragment() {
        length = 0;
        depth = 0;
        state = OUTSIDE;
    }

    private static boolean isNameByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '_' || b == '-' || b == '.' || b == ':';
    }
}
