package dev.metertap.simulator.rtlamr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A virtual {@code rtlamr -format=json} in a neighbourhood of meters: it writes the JSON lines rtlamr writes, paced by
 * a simulated clock at {@code speed} simulated seconds per wall second, and journals the truth. Totals step with the
 * meters' 5-minute intervals (an IDM's counter steps then too, wrapping at 256, and its intervals add up to the total's
 * steps); SCMs are often heard twice a second or two apart. With a journal that already exists it resumes where the
 * last run stopped (the command a supervisor restarts is the same), and each fault fires once per journal.
 */
public final class VirtualRtlamr {

    /** How a run ended. */
    public enum Ending { LIMIT, EXIT, STALL, CUT }

    /**
     * @param speed     simulated seconds per wall second; 0 runs unpaced
     * @param messages  the run ends after this many messages in the whole journal (0: never)
     * @param faults    fault → the message count after which it fires
     * @param logLines  rtlamr's start-up log lines on the output too (as with {@code 2>&1})
     */
    public record Settings(long seed, Instant start, double speed, List<RadioMeter> meters, ZoneId zone, long messages,
                           Map<RadioFault, Long> faults, boolean logLines, Path journal) {
        public Settings {
            meters = List.copyOf(meters);
            faults = faults.isEmpty() ? Map.of() : new EnumMap<>(faults);
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(zone, "zone");
            if (meters.isEmpty()) {
                throw new IllegalArgumentException("no meters on the air");
            }
            if (speed < 0) {
                throw new IllegalArgumentException("speed must not be negative");
            }
        }
    }

    /** A neighbourhood: one's own gas meter (SCM) and electric meter (IDM) among five neighbours. */
    public static final List<RadioMeter> NEIGHBOURHOOD = List.of(
            RadioMeter.parse("SCM:48151623:12"), RadioMeter.parse("IDM:55123456:7"),
            RadioMeter.parse("SCM:31415926:12"), RadioMeter.parse("SCM:27182818:7"), RadioMeter.parse("SCM+:71234567:156"),
            RadioMeter.parse("NetIDM:77000001:8:solar"), RadioMeter.parse("R900:1550000123:163"));

    private static final String[] LOG_LINES = {
            "rtlamr: server: 127.0.0.1:1234",
            "rtlamr: GainMode: Auto",
            "rtlamr: CenterFreq: 912600155",
            "rtlamr: SampleRate: 2359296",
            "rtlamr: Protocols: scm,scm+,idm,netidm,r900",
    };

    private final Settings settings;
    private final RtlamrJson json;
    private final Map<RadioMeter, Totals> totals = new HashMap<>();
    private final Map<RadioMeter, RadioMessage> lastSent = new HashMap<>();

    public VirtualRtlamr(Settings settings) {
        this.settings = settings;
        this.json = new RtlamrJson(settings.zone());
    }

    /** Runs until the message limit or a fault; a {@link Ending#STALL} returns at once and leaves the waiting to the caller. */
    public Ending run(OutputStream out) throws IOException, InterruptedException {
        RtlamrJournal.Truth before = settings.journal() == null ? new RtlamrJournal.Truth(List.of(), List.of(), 0, 0, null)
                : RtlamrJournal.read(settings.journal());
        Instant from = before.lastAt() == null ? settings.start() : before.lastAt().plusSeconds(1);
        long count = before.messages().size();
        try (RtlamrJournal journal = settings.journal() == null ? null : RtlamrJournal.append(settings.journal())) {
            if (journal != null) {
                journal.started(from, settings.seed(), before.starts() > 0);
            }
            if (settings.logLines()) {
                for (String line : LOG_LINES) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
            PriorityQueue<Pending> queue = new PriorityQueue<>();
            long from16 = from.getEpochSecond() * 16 + from.getNano() / 62_500_000;
            for (RadioMeter meter : settings.meters()) {
                long period16 = meter.protocol().periodSeconds() * 16L;
                queue.add(new Pending(from16 + Math.floorMod(hash(meter.id(), 0), period16), meter, null));
            }
            long wallStart = System.nanoTime();
            while (true) {
                if (settings.messages() > 0 && count >= settings.messages()) {
                    if (journal != null) {
                        journal.ended(from, count);
                    }
                    return Ending.LIMIT;
                }
                Pending next = queue.poll();
                pace(wallStart, from16, next.at16);
                RadioMessage message;
                boolean repeat;
                if (next.repeatOf != null) {
                    message = next.repeatOf.heardAgainAt(decodedAt(next.at16, next.repeatOf.meter()));
                    repeat = true;
                } else {
                    message = decode(next.meter, next.at16);
                    repeat = false;
                    long period16 = next.meter.protocol().periodSeconds() * 16L;
                    queue.add(new Pending(next.at16 + period16 - 32 + Math.floorMod(hash(next.meter.id(), next.at16), 65), next.meter, null));
                    if (next.meter.protocol() == RadioProtocol.SCM && Math.floorMod(hash(next.meter.id(), next.at16 + 1), 2) == 0) {
                        queue.add(new Pending(next.at16 + 16 + Math.floorMod(hash(next.meter.id(), next.at16 + 2), 33), next.meter, message));
                    }
                }
                boolean repeatOfLast = message.sameContentAs(lastSent.get(message.meter()));
                count++;
                from = message.at();
                RadioFault fault = dueFault(before.faults(), count);
                byte[] line = (json.line(message) + "\n").getBytes(StandardCharsets.UTF_8);
                if (fault == RadioFault.CUT) {
                    out.write(line, 0, line.length / 2);
                    out.flush();
                    if (journal != null) {
                        journal.message(count, message, repeat || repeatOfLast, false);
                        journal.fault(fault.label(), message.at(), count);
                    }
                    return Ending.CUT;
                }
                out.write(line);
                out.flush();
                lastSent.put(message.meter(), message);
                if (journal != null) {
                    journal.message(count, message, repeat || repeatOfLast, true);
                }
                if (fault != null) {
                    if (journal != null) {
                        journal.fault(fault.label(), message.at(), count);
                    }
                    return fault == RadioFault.EXIT ? Ending.EXIT : Ending.STALL;
                }
            }
        }
    }

    private RadioFault dueFault(List<String> fired, long count) {
        for (Map.Entry<RadioFault, Long> f : settings.faults().entrySet()) {
            if (count == f.getValue() && !fired.contains(f.getKey().label())) {
                return f.getKey();
            }
        }
        return null;
    }

    private void pace(long wallStart, long from16, long at16) throws InterruptedException {
        if (settings.speed() == 0) {
            return;
        }
        long dueNanos = wallStart + (long) ((at16 - from16) / 16.0 / settings.speed() * 1e9);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The packet {@code meter} sends at {@code at16} (sixteenths of a second since the epoch). */
    RadioMessage decode(RadioMeter meter, long at16) {
        long seed = settings.seed();
        long second = Math.floorDiv(at16, 16);
        long k = meter.intervalAt(second, seed);
        Totals t = totals.computeIfAbsent(meter, m -> new Totals(m, m.intervalAt(settings.start().getEpochSecond(), seed)));
        t.advanceTo(k);
        int tto = (int) (at16 - meter.intervalStart(k, seed) * 16);
        List<RadioMessage.Interval> intervals = new ArrayList<>();
        int count = meter.protocol() == RadioProtocol.IDM ? 47 : meter.protocol() == RadioProtocol.NET_IDM ? 27 : 0;
        for (int index = 0; index < count; index++) {
            long j = k - 1 - index;
            int value = meter.use(j, seed) - meter.generation(j, seed, settings.zone());
            intervals.add(new RadioMessage.Interval(meter.intervalStart(k - index, seed), value, (int) ((k - index) & 0xFF)));
        }
        long consumption = Math.floorMod(t.used, meter.protocol().maxTotal() + 1);
        boolean net = meter.protocol() == RadioProtocol.NET_IDM;
        int tamper = (int) Math.floorMod(hash(meter.id(), 7), 0x10000);
        return new RadioMessage(decodedAt(at16, meter), meter, consumption, net ? t.generated : 0,
                net ? t.used - t.generated : 0, meter.protocol().hasIntervals() ? (int) (k & 0xFF) : 0,
                tto, intervals, tamper, (int) Math.floorMod(hash(meter.id(), at16 + 3), 0x10000));
    }

    /** rtlamr stamps a packet when it has decoded it: a few milliseconds after the meter sent it. */
    private Instant decodedAt(long at16, RadioMeter meter) {
        long latencyNanos = Math.floorMod(hash(meter.id(), at16 + 5), 40_000_000L) + 1_000;
        return Instant.ofEpochSecond(Math.floorDiv(at16, 16), Math.floorMod(at16, 16) * 62_500_000L + latencyNanos);
    }

    private long hash(long id, long salt) {
        return new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L ^ id * 31 ^ salt * 0xBF58476D1CE4E5B9L).nextLong();
    }

    /** A meter's totals at the start of interval {@code k}: from the run's first interval on, the sum of what it used. */
    private final class Totals {
        private final RadioMeter meter;
        private long k;
        private long used;
        private long generated;

        Totals(RadioMeter meter, long anchor) {
            this.meter = meter;
            this.k = anchor;
            this.used = RadioMeter.BASE_TOTAL + meter.id() % 100_000;
        }

        void advanceTo(long target) {
            for (; k < target; k++) {
                used += meter.use(k, settings.seed());
                generated += meter.generation(k, settings.seed(), settings.zone());
            }
        }
    }

    private record Pending(long at16, RadioMeter meter, RadioMessage repeatOf) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = Long.compare(at16, other.at16);
            return byTime != 0 ? byTime : Long.compare(meter.id(), other.meter.id());
        }
    }
}
