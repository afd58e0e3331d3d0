package dev.metertap.collector.emu2.frame;

/** Case-insensitive comparison of tag names, which are ASCII by the grammar. */
final class Ascii {

    private Ascii() {
    }

    /** Whether {@code bytes[start, start+length)} equals the lower-case ASCII {@code lower}, ignoring case. */
    static boolean equalsIgnoreCase(byte[] bytes, int start, byte[] lower, int length) {
        if (lower.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (toLower(bytes[start + k]) != lower[k]) {
                return false;
            }
        }
        return true;
    }

    static boolean equalsIgnoreCase(byte[] bytes, int start, int otherStart, int length) {
        for (int k = 0; k < length; k++) {
            if (toLower(bytes[start + k]) != toLower(bytes[otherStart + k])) {
                return false;
            }
        }
        return true;
    }

    static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
