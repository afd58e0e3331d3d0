package dev.metertap.collector.emu2.wire;

/**
 * Text children: bytes are Windows-1252 (not UTF-8), and may carry the five predefined XML
 * entities or numeric character references. Nothing else is expanded, so nothing can be fetched
 * or blown up.
 */
final class Emu2Text {

    /** Windows-1252's printable characters at 0x80–0x9F; undefined positions stay as they are. */
    private static final char[] CP1252_HIGH = (
            "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f"
            + "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178")
            .toCharArray();

    private Emu2Text() {
    }

    /** Decodes bytes given as ISO-8859-1 characters (one char per byte). */
    static String decode(String latin1) {
        StringBuilder out = null;
        int length = latin1.length();
        for (int i = 0; i < length; i++) {
            char c = latin1.charAt(i);
            if (c == '&' || (c >= 0x80 && c <= 0x9f)) {
                out = new StringBuilder(length);
                out.append(latin1, 0, i);
                decodeFrom(latin1, i, out);
                return out.toString();
            }
        }
        return latin1;
    }

    private static void decodeFrom(String s, int start, StringBuilder out) {
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x80 && c <= 0x9f) {
                out.append(CP1252_HIGH[c - 0x80]);
                i++;
            } else if (c == '&') {
                i = appendEntity(s, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /** Appends the entity at {@code i} decoded, or the '&' itself when it is not one we know. */
    private static int appendEntity(String s, int i, StringBuilder out) {
        int semicolon = s.indexOf(';', i);
        if (semicolon < 0 || semicolon - i > 10) {
            out.append('&');
            return i + 1;
        }
        String name = s.substring(i + 1, semicolon);
        int code = switch (name) {
            case "lt" -> '<';
            case "gt" -> '>';
            case "amp" -> '&';
            case "quot" -> '"';
            case "apos" -> '\'';
            default -> numericReference(name);
        };
        if (code < 0) {
            out.append('&');
            return i + 1;
        }
        out.appendCodePoint(code);
        return semicolon + 1;
    }

    private static int numericReference(String name) {
        if (name.length() < 2 || name.charAt(0) != '#') {
            return -1;
        }
        try {
            boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
            int code = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(code) && code != 0 ? code : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
