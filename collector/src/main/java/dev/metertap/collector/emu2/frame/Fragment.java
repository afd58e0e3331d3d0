package dev.metertap.collector.emu2.frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One complete top-level fragment: its root name and its children's names and values, as byte
 * ranges of the fragment's text (ISO-8859-1, so one byte is one character).
 *
 * <p>The framer hands out a reusable view, valid only while its handler runs; {@link #copy()}
 * makes one that stays.
 */
public final class Fragment {

    private final byte[] bytes;
    private final int[] nameStart;
    private final int[] nameLength;
    private final int[] valueStart;
    private final int[] valueLength;
    private int rootStart;
    private int rootLength;
    private int children;
    private int length;

    Fragment(byte[] bytes, int maxChildren) {
        this.bytes = bytes;
        this.nameStart = new int[maxChildren];
        this.nameLength = new int[maxChildren];
        this.valueStart = new int[maxChildren];
        this.valueLength = new int[maxChildren];
    }

    /** The single fragment in {@code text}, for tests and tools. */
    public static Fragment of(String text) {
        List<Fragment> found = new ArrayList<>(1);
        new Emu2Framer().feed(text.getBytes(StandardCharsets.ISO_8859_1), fragment -> found.add(fragment.copy()));
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one complete fragment, found " + found.size() + " in: " + text);
        }
        return found.get(0);
    }

    void begin(int rootNameStart, int rootNameLength) {
        rootStart = rootNameStart;
        rootLength = rootNameLength;
        children = 0;
    }

    void beginChild(int start, int length, int textStart) {
        nameStart[children] = start;
        nameLength[children] = length;
        valueStart[children] = textStart;
    }

    void endChild(int endTagStart) {
        valueLength[children] = endTagStart - valueStart[children];
        children++;
    }

    boolean openChildNameEquals(int start, int length) {
        return length == nameLength[children] && Ascii.equalsIgnoreCase(bytes, start, nameStart[children], length);
    }

    boolean rootNameEquals(int start, int length) {
        return length == rootLength && Ascii.equalsIgnoreCase(bytes, start, rootStart, length);
    }

    void end(int fragmentLength) {
        length = fragmentLength;
    }

    /** The root element's name as written. */
    public String rootName() {
        return new String(bytes, rootStart, rootLength, StandardCharsets.ISO_8859_1);
    }

    /** Whether the root is {@code name}, ignoring case. */
    public boolean rootIs(ChildName name) {
        return Ascii.equalsIgnoreCase(bytes, rootStart, name.lower(), rootLength);
    }

    public int childCount() {
        return children;
    }

    public String childName(int child) {
        return new String(bytes, nameStart[child], nameLength[child], StandardCharsets.ISO_8859_1);
    }

    /**
     * The index of the first child called {@code name} (ignoring case), searching from
     * {@code from} and wrapping around, since the device writes children in a fixed order; -1 if
     * there is none.
     */
    public int indexOf(ChildName name, int from) {
        byte[] lower = name.lower();
        for (int k = 0; k < children; k++) {
            int child = (from + k) % children;
            if (Ascii.equalsIgnoreCase(bytes, nameStart[child], lower, nameLength[child])) {
                return child;
            }
        }
        return -1;
    }

    public int valueStart(int child) {
        return valueStart[child];
    }

    public int valueLength(int child) {
        return valueLength[child];
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A child's text exactly as written (entities not decoded). */
    public String rawValue(int child) {
        return new String(bytes, valueStart[child], valueLength[child], StandardCharsets.ISO_8859_1);
    }

    /** The fragment's bytes, from {@code <Root>} to {@code </Root>}. */
    public byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** A copy that stays valid after the framer moves on. */
    public Fragment copy() {
        Fragment copy = new Fragment(Arrays.copyOf(bytes, length), Math.max(children, 1));
        System.arraycopy(nameStart, 0, copy.nameStart, 0, children);
        System.arraycopy(nameLength, 0, copy.nameLength, 0, children);
        System.arraycopy(valueStart, 0, copy.valueStart, 0, children);
        System.arraycopy(valueLength, 0, copy.valueLength, 0, children);
        copy.rootStart = rootStart;
        copy.rootLength = rootLength;
        copy.children = children;
        copy.length = length;
        return copy;
    }

    /** The fragment's text (ISO-8859-1 decoding of its bytes). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
