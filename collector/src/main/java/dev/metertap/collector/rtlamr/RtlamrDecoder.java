package dev.metertap.collector.rtlamr;

import dev.metertap.collector.reading.AmrConsumptionReading;
import dev.metertap.collector.reading.AmrIntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * rtlamr's messages to readings. Meters send the same total many times (SCM every few seconds, repeated; IDM
 * every 30 s or so with the same 5-minute intervals again): a total is stored when it differs from the last one
 * stored for that meter and message type and is not below it; an interval is stored the first time it is heard.
 * One reader feeds it; {@link #stats()} may be read from any thread.
 */
public final class RtlamrDecoder {

    public static final Duration INTERVAL = Duration.ofMinutes(5);
    /** The same interval, heard again, lands within this of its first time (rtlamr's timestamps jitter a little). */
    static final Duration SAME_INTERVAL = Duration.ofSeconds(30);
    static final int MAX_METERS_LISTED = 1024;
    private static final int MAX_SERIES = 4096;
    private static final long NANOS_PER_SIXTEENTH = 1_000_000_000L / 16;

    private final RtlamrParser parser = new RtlamrParser();
    private final MeterChoice choice;
    private final Map<Series, Last> last = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Series, Last> eldest) {
            return size() > MAX_SERIES;
        }
    };
    private final Map<Long, Long> heard = new java.util.concurrent.ConcurrentHashMap<>();
    // one writer (the reader thread), any reader: volatile is enough
    private volatile long messages;
    private volatile long notRtlamr;
    private volatile long othersHeard;
    private volatile long repeats;
    private volatile long backwards;
    private volatile long readings;
    private volatile String lastRejection;

    public RtlamrDecoder(MeterChoice choice) {
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    /** One line of rtlamr's output: its readings, or none (a repeat, another meter, or not rtlamr: counted). */
    public List<Reading> acceptLine(String line) {
        RtlamrMessage message;
        try {
            message = parser.parse(line);
        } catch (NotRtlamrException e) {
            notRtlamr++;
            lastRejection = e.getMessage();
            return List.of();
        }
        return accept(message);
    }

    /** Counts a line dropped before parsing (too long). */
    public void countSkipped(String why) {
        notRtlamr++;
        lastRejection = why;
    }

    public List<Reading> accept(RtlamrMessage message) {
        messages++;
        if (heard.size() < MAX_METERS_LISTED || heard.containsKey(message.meterId())) {
            heard.merge(message.meterId(), 1L, Long::sum);
        }
        if (!choice.wants(message.meterId())) {
            othersHeard++;
            return List.of();
        }
        Series series = new Series(message.meterId(), message.type());
        Last before = last.get(series);
        List<Reading> out = new ArrayList<>(1);
        Last now = total(message, before, out);
        if (now == null) {
            return List.of(); // a total below the last: a misread, whose intervals are not trusted either
        }
        if (message instanceof RtlamrMessage.Idm idm) {
            now = intervals(idm.time(), idm.transmitTimeOffset(), idm.consumptionIntervalCount(), idm.intervals(), message, now, out);
        } else if (message instanceof RtlamrMessage.NetIdm net) {
            now = intervals(net.time(), net.transmitTimeOffset(), net.consumptionIntervalCount(), net.intervals(), message, now, out);
        }
        last.put(series, now);
        readings += out.size();
        return out;
    }

    /** Adds the total when it is new; null when it went backwards. */
    private Last total(RtlamrMessage message, Last before, List<Reading> out) {
        long generation = message instanceof RtlamrMessage.NetIdm net ? net.lastGeneration() : 0;
        long net = message instanceof RtlamrMessage.NetIdm n ? n.lastConsumptionNet() : 0;
        if (before != null) {
            boolean wrapped = before.consumption - message.consumption() > registerRange(message) / 2;
            if ((message.consumption() < before.consumption && !wrapped) || generation < before.generation) {
                backwards++;
                return null;
            }
            if (message.consumption() == before.consumption && generation == before.generation && net == before.net) {
                repeats++;
                return before;
            }
        }
        boolean netIdm = message instanceof RtlamrMessage.NetIdm;
        out.add(new AmrConsumptionReading(Long.toString(message.meterId()), message.type(), message.ertType(), message.time(),
                message.consumption(), netIdm ? generation : null, netIdm ? net : null));
        Instant newestInterval = before == null ? null : before.newestInterval;
        return new Last(message.consumption(), generation, net, newestInterval);
    }

    /**
     * How far the message's total field counts before it wraps to 0: a drop by more than half of it is the register
     * wrapping (SCM's 24 bits fill up in some 17 years at 0.01 kWh a count), not a misread.
     */
    private static long registerRange(RtlamrMessage message) {
        if (message instanceof RtlamrMessage.Scm) {
            return 1L << 24;
        }
        return message instanceof RtlamrMessage.R900 ? 1L << 27 : 1L << 32;
    }

    /**
     * rtlamr-collect's time rule: interval {@code index} closed at the message's time less {@code index × 5 min} less
     * {@code TransmitTimeOffset} sixteenths of a second. Stored only when newer than the newest stored for the meter.
     */
    private Last intervals(Instant time, int transmitTimeOffset, int count, List<Integer> values, RtlamrMessage message,
                           Last now, List<Reading> out) {
        Instant closed = time.minusNanos(transmitTimeOffset * NANOS_PER_SIXTEENTH);
        Instant newest = now.newestInterval;
        String meter = Long.toString(message.meterId());
        for (int index = 0; index < values.size(); index++) {
            Instant at = closed.minus(INTERVAL.multipliedBy(index));
            if (newest != null && !at.isAfter(newest.plus(SAME_INTERVAL))) {
                break; // older ones follow
            }
            out.add(new AmrIntervalReading(meter, message.type(), message.ertType(), at, values.get(index), (count - index) & 0xFF));
        }
        if (newest == null || closed.isAfter(newest.plus(SAME_INTERVAL))) {
            newest = closed;
        }
        return new Last(now.consumption, now.generation, now.net, newest);
    }

    /**
     * Takes up where an earlier run stopped: the last total and the newest interval stored for each series, from the
     * store's {@code amr_consumption} and {@code amr_interval} points, so that a restarted collector stores neither
     * the meters' unchanged totals nor their intervals again. Call before the first message.
     */
    public void resumeFrom(List<Point> stored) {
        Map<Series, Point> lastTotal = new java.util.HashMap<>();
        Map<Series, Instant> newestInterval = new java.util.HashMap<>();
        for (Point point : stored) {
            Series series = seriesOf(point);
            if (series == null) {
                continue;
            }
            if (point.measurement().equals(AmrConsumptionReading.MEASUREMENT)) {
                lastTotal.merge(series, point, (a, b) -> b.time().isAfter(a.time()) ? b : a);
            } else if (point.measurement().equals(AmrIntervalReading.MEASUREMENT)) {
                newestInterval.merge(series, point.time(), (a, b) -> b.isAfter(a) ? b : a);
            }
        }
        for (Map.Entry<Series, Point> e : lastTotal.entrySet()) {
            Point p = e.getValue();
            last.put(e.getKey(), new Last(field(p, "consumption"), field(p, "generation"), field(p, "consumption_net"),
                    newestInterval.get(e.getKey())));
        }
    }

    private static Series seriesOf(Point point) {
        String meter = null;
        String type = null;
        for (dev.metertap.collector.reading.Tag tag : point.tags()) {
            if (tag.key().equals("meter_id")) {
                meter = tag.value();
            } else if (tag.key().equals("msg_type")) {
                type = tag.value();
            }
        }
        try {
            return meter == null || type == null ? null : new Series(Long.parseLong(meter), type);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long field(Point point, String key) {
        return point.fields().stream().filter(f -> f.key().equals(key) && f.value() instanceof Long)
                .mapToLong(f -> (Long) f.value()).findFirst().orElse(0);
    }

    /** Messages read so far (all meters): cheaper than {@link #stats()}. */
    public long messages() {
        return messages;
    }

    public RtlamrStats stats() {
        return new RtlamrStats(messages, notRtlamr, othersHeard, repeats, backwards, readings, new TreeMap<>(heard));
    }

    /** Why the last skipped line was skipped, for the log. */
    public String lastRejection() {
        return lastRejection;
    }

    private record Series(long meterId, String type) {
    }

    /** The last total stored for a series and the close of its newest stored interval. */
    private record Last(long consumption, long generation, long net, Instant newestInterval) {
    }
}
