package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes points as InfluxDB line protocol with seconds precision, escaping as InfluxDB 1.x and 2.x
 * read it. Line protocol cannot carry a newline in a tag or field, so line breaks inside strings
 * become spaces.
 *
 * <p>InfluxDB keeps a backslash in a measurement, tag or field key literally (it only unescapes
 * {@code \,}, {@code \ } and {@code \=}), so those backslashes are written as they are; inside
 * string field values it does unescape {@code \\} and {@code \"}. Checked against influxd 1.6.7.
 */
public final class LineProtocol {

    private LineProtocol() {
    }

    /** One line, without the trailing newline. */
    public static String encode(Point point) {
        StringBuilder out = new StringBuilder(96);
        appendTo(out, point);
        return out.toString();
    }

    public static void appendTo(StringBuilder out, Point point) {
        appendSeriesKey(out, point.measurement(), point.tags());
        out.append(' ');
        appendFields(out, point.fields());
        out.append(' ').append(point.epochSecond());
    }

    /**
     * A line's series key: measurement and tags, as {@link #encode} writes them. A line is always
     * {@code seriesKey + ' ' + fields + ' ' + epochSecond}; the store keeps the parts apart.
     */
    public static String seriesKey(String measurement, List<Tag> tags) {
        StringBuilder out = new StringBuilder(64);
        appendSeriesKey(out, measurement, tags);
        return out.toString();
    }

    /** A line's field set, as {@link #encode} writes it. */
    public static String fields(List<Field> fields) {
        StringBuilder out = new StringBuilder(32);
        appendFields(out, fields);
        return out.toString();
    }

    private static void appendSeriesKey(StringBuilder out, String measurement, List<Tag> tags) {
        escape(out, measurement, false);
        for (Tag tag : tags) {
            out.append(',');
            escape(out, tag.key(), true);
            out.append('=');
            escape(out, tag.value(), true);
        }
    }

    private static void appendFields(StringBuilder out, List<Field> fields) {
        boolean first = true;
        for (Field field : fields) {
            if (!first) {
                out.append(',');
            }
            first = false;
            escape(out, field.key(), true);
            out.append('=');
            appendValue(out, field.value());
        }
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Long integer) {
            out.append(integer.longValue()).append('i');
        } else {
            out.append('"');
            String text = (String) value;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"', '\\' -> out.append('\\').append(c);
                    case '\n', '\r' -> out.append(' ');
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
    }

    /** Measurements escape commas and spaces; tag keys, tag values and field keys also escape '='. */
    private static void escape(StringBuilder out, String text, boolean equalsToo) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',', ' ' -> out.append('\\').append(c);
                case '=' -> out.append(equalsToo ? "\\=" : "=");
                case '\n', '\r' -> out.append("\\ ");
                default -> out.append(c);
            }
        }
    }

    /**
     * Reads back one line this class wrote (the store keeps lines, exports decode them). Integers
     * must carry the {@code i} suffix; other numbers become {@link BigDecimal}s, exactly as written.
     */
    public static Point decode(String line) {
        Cursor in = new Cursor(line);
        String measurement = in.name(false);
        List<Tag> tags = new ArrayList<>(5);
        while (in.peek() == ',') {
            in.pos++;
            String key = in.name(true);
            in.expect('=');
            tags.add(new Tag(key, in.name(true)));
        }
        in.expect(' ');
        List<Field> fields = new ArrayList<>(4);
        do {
            String key = in.name(true);
            in.expect('=');
            fields.add(new Field(key, in.value()));
        } while (in.peek() == ',' && in.pos++ >= 0);
        in.expect(' ');
        long seconds;
        try {
            seconds = Long.parseLong(line.substring(in.pos));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad timestamp in line protocol: " + line);
        }
        return new Point(measurement, tags, fields, Instant.ofEpochSecond(seconds));
    }

    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in line protocol: " + text);
            }
            pos++;
        }

        /** A measurement, tag or key: ends at an unescaped comma, space (or '=' when {@code equalsEnds}). */
        String name(boolean equalsEnds) {
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()
                        && (text.charAt(pos + 1) == ',' || text.charAt(pos + 1) == ' ' || text.charAt(pos + 1) == '=')) {
                    out.append(text.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                if (c == ',' || c == ' ' || (equalsEnds && c == '=')) {
                    break;
                }
                out.append(c);
                pos++;
            }
            return out.toString();
        }

        Object value() {
            if (peek() == '"') {
                pos++;
                StringBuilder out = new StringBuilder();
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char c = text.charAt(pos++);
                    if (c == '\\' && pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
                        c = text.charAt(pos++);
                    }
                    out.append(c);
                }
                expect('"');
                return out.toString();
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ' ') {
                pos++;
            }
            String raw = text.substring(start, pos);
            try {
                return raw.endsWith("i") ? (Object) Long.parseLong(raw.substring(0, raw.length() - 1)) : new BigDecimal(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad field value '" + raw + "' in line protocol: " + text);
            }
        }
    }
}
