package dev.metertap.collector.store;

import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Points with everything line protocol escapes or a store could trip on: commas, spaces, '=', quotes, backslashes
 * (a trailing one too), line breaks, non-ASCII and characters outside the BMP in every name and string; decimals of
 * any scale (negative too) and of more digits than a long; the extreme longs. The same seed gives the same points.
 */
final class RandomPoints {

    private static final String[] PIECES = {"a", "Z", "0", "_", ",", " ", "=", "\"", "\\", "\n", "\r", "é", "€", "😀", "\t", "kw"};

    private final Random random;

    RandomPoints(long seed) {
        this.random = new Random(seed);
    }

    Point next() {
        List<Tag> tags = new ArrayList<>();
        int tagCount = random.nextInt(4);
        for (int i = 0; i < tagCount; i++) {
            tags.add(new Tag(text(1, 6), text(1, 8)));
        }
        List<Field> fields = new ArrayList<>();
        int fieldCount = 1 + random.nextInt(4);
        for (int i = 0; i < fieldCount; i++) {
            fields.add(new Field(text(1, 6), value()));
        }
        return new Point(text(1, 8), tags, fields, Instant.ofEpochSecond(random.nextInt(2_000_000_000) - 100_000_000L));
    }

    /** A point whose line {@link LineProtocol#decode} reads back (it cannot read every line it could be given). */
    Point nextDecodable() {
        while (true) {
            Point point = next();
            try {
                LineProtocol.decode(LineProtocol.encode(point));
                return point;
            } catch (IllegalArgumentException e) {
                // a backslash before a separator, say: today's store could not scan it either
            }
        }
    }

    /** The same point (measurement, tags, time) with other field values: a correction. */
    Point correction(Point point) {
        List<Field> fields = new ArrayList<>();
        for (Field field : point.fields()) {
            fields.add(new Field(field.key(), value()));
        }
        return new Point(point.measurement(), point.tags(), fields, point.time());
    }

    private Object value() {
        return switch (random.nextInt(6)) {
            case 0 -> BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 3);
            case 1 -> new BigDecimal(new BigInteger(120, random).subtract(BigInteger.ONE.shiftLeft(119)), random.nextInt(16) - 3);
            case 2 -> List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L).get(random.nextInt(4));
            case 3 -> random.nextLong();
            case 4 -> text(0, 12);
            default -> BigDecimal.valueOf(random.nextLong(), random.nextInt(20));
        };
    }

    private String text(int min, int max) {
        StringBuilder out = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }
}
