package dev.metertap.collector.pge.download;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.espi.EspiSummary;
import dev.metertap.collector.pge.espi.ReadingGate;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.IntervalReading.Commodity;
import dev.metertap.collector.reading.IntervalReading.Flow;
import dev.metertap.collector.reading.IntervalReading.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PG&amp;E's Download My Data CSV (Green Button's other form) into the same {@link IntervalReading}s the ESPI
 * feed of the same intervals gives: same series tags, same starts, so a store holds each interval once.
 *
 * <p>The file may open with the account preamble (Name, Address, Account Number, Service, a blank line); the first
 * line whose first column is TYPE is the header, and must be one of {@link CsvLayout}'s. Rows: electric usage in kWh
 * (15-minute or hourly), gas usage in therms (daily). Local times are in the configured zone (see
 * {@link LocalIntervals} for DST days). A gas day starts at local midnight plus one second, as Share My Data sends it.
 * The CSV carries no usage point id, no quality and no time-of-use code: the id is the caller's, quality is 0 (as
 * for an ESPI reading without one), tou absent. COST goes with what was delivered (imported).
 *
 * <p>Bounded: {@value #MAX_LINE} characters a line, {@value #MAX_LINES} lines, the header within the first
 * {@value #MAX_PREAMBLE} lines. A bad line ends the file with its number, in words.
 */
public final class DownloadCsvParser {

    public static final int MAX_LINE = 1_024;
    // 7 years of 15-minute rows: a solar file's duplicate fingerprints (two series) fit -Xmx64m; at 14 years they did not
    public static final long MAX_LINES = 250_000;
    public static final int MAX_PREAMBLE = 20;

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?(\\d{1,3}(,\\d{3})+|\\d{1,15})(\\.\\d{1,12})?");
    private static final Pattern AMOUNT = Pattern.compile("(-?)\\$?(-?)(\\d{1,3}(,\\d{3})+|\\d{1,15})(\\.\\d{1,12})?");

    private final ZoneId zone;

    public DownloadCsvParser(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Streams the file's readings under {@code usagePoint}, clipped to {@code clip} when given, each interval once.
     * Does not close {@code csv}.
     *
     * @throws CsvException when the layout is unknown, a line is bad or the file exceeds the bounds (the sink may
     *                      already have received earlier readings)
     */
    public EspiSummary parse(InputStream csv, String usagePoint, Optional<TimeWindow> clip,
                             Consumer<IntervalReading> sink) throws IOException {
        Objects.requireNonNull(usagePoint, "usagePoint");
        CsvLines lines = new CsvLines(csv, MAX_LINE, MAX_LINES);
        CsvLayout layout = header(lines);
        ReadingGate gate = new ReadingGate(clip, sink);
        Rows rows = new Rows(layout, usagePoint, new LocalIntervals(zone), gate);
        for (String line; (line = lines.next()) != null; ) {
            if (!line.isBlank()) {
                rows.read(line, lines.number());
            }
        }
        return gate.summary();
    }

    private static CsvLayout header(CsvLines lines) throws IOException {
        List<String> first = null;
        for (int i = 0; i < MAX_PREAMBLE; i++) {
            String line = lines.next();
            if (line == null) {
                break;
            }
            if (i == 0 && line.startsWith("\u00EF\u00BB\u00BF")) { // a UTF-8 byte order mark, read as ISO-8859-1
                line = line.substring(3);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = CsvCells.split(line);
            if (cells == null) {
                throw new CsvException(String.format("line %,d: a quoted column is not closed on its line",
                        lines.number()));
            }
            if (CsvLayout.isHeader(cells)) {
                return CsvLayout.of(cells).orElseThrow(() -> new CsvException("an unknown Green Button CSV layout: "
                        + "its columns are " + CsvLayout.shown(cells) + "; metertap reads " + CsvLayout.KNOWN));
            }
            first = first == null ? cells : first;
        }
        if (first == null) {
            throw new CsvException("the file is empty: no Green Button CSV header (TYPE, DATE, …)");
        }
        throw new CsvException(String.format("not a Green Button CSV: no header starting with TYPE in its first %d "
                + "lines (the first has the columns %s); metertap reads %s", MAX_PREAMBLE, CsvLayout.shown(first),
                CsvLayout.KNOWN));
    }

    /** The rows after the header: one file, one commodity. */
    private static final class Rows {
        private final CsvLayout layout;
        private final String usagePoint;
        private final LocalIntervals intervals;
        private final ReadingGate gate;
        private Commodity commodity;

        Rows(CsvLayout layout, String usagePoint, LocalIntervals intervals, ReadingGate gate) {
            this.layout = layout;
            this.usagePoint = usagePoint;
            this.intervals = intervals;
            this.gate = gate;
        }

        void read(String line, long number) throws CsvException {
            List<String> cells = CsvCells.split(line);
            if (cells == null) {
                throw bad(number, "a quoted column is not closed on its line");
            }
            // NOTES is the last column: a row may leave it out, trailing comma and all
            if (cells.size() != layout.width() && cells.size() != layout.width() - 1) {
                throw bad(number, String.format("%d columns where the header has %d", cells.size(), layout.width()));
            }
            Commodity rowCommodity = commodity(cells.get(CsvLayout.TYPE), number);
            Unit unit = layout == CsvLayout.USAGE_AND_UNITS ? unit(cells.get(CsvLayout.FIRST_VALUE + 1), number)
                    : Unit.KWH;
            if ((rowCommodity == Commodity.GAS) != (unit == Unit.THERM)) {
                throw bad(number, rowCommodity == Commodity.GAS ? "gas usage in kWh" : "electric usage in therms");
            }
            if (commodity == null) {
                commodity = rowCommodity;
            } else if (commodity != rowCommodity) {
                throw bad(number, String.format("%s usage in a file of %s usage: import each service's download on "
                        + "its own, each with its own --usage-point", word(rowCommodity), word(commodity)));
            }
            LocalIntervals.Interval interval = intervals.of(date(cells.get(CsvLayout.DATE), number),
                    time("START TIME", cells.get(CsvLayout.START), number),
                    time("END TIME", cells.get(CsvLayout.END), number), number);
            long start = interval.start().getEpochSecond();
            if (commodity == Commodity.GAS && interval.wholeDay()) {
                start += 1; // Share My Data's gas day starts at local midnight plus one second
            }
            BigDecimal cost = cost(layout.costColumn() < cells.size() ? cells.get(layout.costColumn()) : "", number);
            if (layout == CsvLayout.IMPORT_AND_EXPORT) {
                emit(Flow.DELIVERED, unit, interval.seconds(), start,
                        number("IMPORT (kWh)", cells.get(CsvLayout.FIRST_VALUE), number), cost);
                emit(Flow.RECEIVED, unit, interval.seconds(), start,
                        number("EXPORT (kWh)", cells.get(CsvLayout.FIRST_VALUE + 1), number), null);
            } else {
                emit(Flow.DELIVERED, unit, interval.seconds(), start,
                        number("USAGE", cells.get(CsvLayout.FIRST_VALUE), number), cost);
            }
        }

        private void emit(Flow flow, Unit unit, int seconds, long start, BigDecimal value, BigDecimal cost) {
            gate.accept(new IntervalReading(usagePoint, commodity, flow, unit, seconds, Instant.ofEpochSecond(start),
                    value, 0, cost, null));
        }

        private static Commodity commodity(String type, long number) throws CsvException {
            String lower = type.strip().toLowerCase(Locale.ROOT);
            if (lower.contains("electric")) {
                return Commodity.ELECTRICITY;
            }
            if (lower.contains("gas")) {
                return Commodity.GAS;
            }
            throw bad(number, "TYPE '" + cut(type) + "' is neither electric nor gas usage");
        }

        private static Unit unit(String units, long number) throws CsvException {
            String lower = units.strip().toLowerCase(Locale.ROOT);
            return switch (lower) {
                case "kwh" -> Unit.KWH;
                case "therm", "therms" -> Unit.THERM;
                default -> throw bad(number, "UNITS '" + cut(units) + "' is neither kWh nor therms");
            };
        }

        private static String word(Commodity commodity) {
            return commodity == Commodity.GAS ? "gas" : "electric";
        }
    }

    static LocalDate date(String cell, long number) throws CsvException {
        String text = cell.strip();
        try {
            Matcher iso = ISO_DATE.matcher(text);
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Matcher us = US_DATE.matcher(text);
            if (us.matches()) {
                return LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2)));
            }
        } catch (DateTimeException e) {
            // a month 13 or a 31 April: said below
        }
        throw bad(number, "DATE '" + cut(cell) + "' is not a date (2024-11-03 or 11/3/2024)");
    }

    static LocalTime time(String column, String cell, long number) throws CsvException {
        Matcher m = TIME.matcher(cell.strip());
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (hour < 24 && minute < 60) {
                return LocalTime.of(hour, minute);
            }
        }
        throw bad(number, column + " '" + cut(cell) + "' is not a time of day (00:15)");
    }

    static BigDecimal number(String column, String cell, long number) throws CsvException {
        String text = cell.strip();
        if (text.isEmpty()) {
            throw bad(number, column + " is empty");
        }
        if (!NUMBER.matcher(text).matches()) {
            throw bad(number, column + " '" + cut(cell) + "' is not a number (0.25)");
        }
        return new BigDecimal(text.replace(",", ""));
    }

    /** {@code $1.23}, {@code -$1.23}, {@code $-1.23}, {@code $1,234.50}; empty is no cost. */
    static BigDecimal cost(String cell, long number) throws CsvException {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches() || (!m.group(1).isEmpty() && !m.group(2).isEmpty())) {
            throw bad(number, "COST '" + cut(cell) + "' is not an amount ($1.23)");
        }
        BigDecimal amount = new BigDecimal(m.group(3).replace(",", "") + (m.group(5) == null ? "" : m.group(5)));
        return m.group(1).isEmpty() && m.group(2).isEmpty() ? amount : amount.negate();
    }

    private static CsvException bad(long number, String what) {
        return new CsvException(String.format("line %,d: %s", number, what));
    }

    /** A cell quoted in a message: short and on one line. */
    private static String cut(String cell) {
        String text = cell.strip();
        text = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return text.replaceAll("[\\p{Cntrl}]", "?");
    }
}
