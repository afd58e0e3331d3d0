package dev.metertap.collector.reading;

import java.math.BigDecimal;

/**
 * Encodes points as InfluxDB line protocol with seconds precision, escaping as InfluxDB 1.x and 2.x
 * read it. Line protocol cannot carry a newline in a tag or field, so line breaks inside strings
 * become spaces.
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
        escape(out, point.measurement(), false);
        for (Tag tag : point.tags()) {
            out.append(',');
            escape(out, tag.key(), true);
            out.append('=');
            escape(out, tag.value(), true);
        }
        char separator = ' ';
        for (Field field : point.fields()) {
            out.append(separator);
            separator = ',';
            escape(out, field.key(), true);
            out.append('=');
            appendValue(out, field.value());
        }
        out.append(' ').append(point.epochSecond());
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
                case '\\' -> out.append("\\\\");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
    }
}
