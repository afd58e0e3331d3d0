package dev.metertap.collector.report;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The always-on load, one definition for every source: for each night (00:00 to 06:00 local, when a
 * household sleeps and only always-on devices run), the lowest mean demand over any 60 consecutive minutes.
 * An hour counts only when the data covers at least 90 % of it, so a gap cannot fake a low floor. A whole
 * hour, not a single reading, so that a fridge cycling on and off is part of the floor and noise is not.
 * On PG&amp;E's hourly intervals the lowest hour is a clock hour; on 15-minute ones any four in a row.
 */
final class BaselineFinder {

    static final int WINDOW_MINUTES = 60;
    static final double MIN_COVERAGE = 0.9;
    /** Nights where both sources' figures differ by more than this share are shown with both. */
    static final double SOURCES_DIFFER = 0.05;

    private BaselineFinder() {
    }

    /** The nights measured, and the source preferred for them (for {@code auto}: the one chosen). */
    record Measured(BaselineSource source, List<Report.NightBaseline> nights) {
    }

    /** A night's floor on one source: watts, and the local time its lowest hour began. */
    record Floor(double watts, LocalTime from) {
    }

    /**
     * Each night's figure on the scope's source. EMU-2 nights are measured on demand, or on the counter's deltas
     * when demand does not cover a whole hour; with {@link BaselineSource#AUTO} the source that covers more nights
     * is used (the EMU-2 on a tie: its finer readings find the lowest hour at any minute), and a night it misses
     * comes from the other.
     */
    static Measured nights(ReportScope scope, MinuteEnergy demand, MinuteEnergy counter, MinuteEnergy pge) {
        Map<LocalDate, Floor> emu2 = new TreeMap<>();
        Map<LocalDate, Floor> utility = new TreeMap<>();
        for (LocalDate day = scope.firstDay(); !day.isAfter(scope.lastDay()); day = day.plusDays(1)) {
            Floor onDemand = floor(demand, scope, day);
            Floor e = onDemand != null ? onDemand : floor(counter, scope, day);
            if (e != null) {
                emu2.put(day, e);
            }
            Floor p = floor(pge, scope, day);
            if (p != null) {
                utility.put(day, p);
            }
        }
        BaselineSource preferred = preferred(scope.source(), emu2.size(), utility.size());
        List<Report.NightBaseline> nights = new ArrayList<>();
        for (LocalDate day = scope.firstDay(); !day.isAfter(scope.lastDay()); day = day.plusDays(1)) {
            Floor e = emu2.get(day);
            Floor p = utility.get(day);
            Floor first = preferred == BaselineSource.EMU2 ? e : p;
            Floor other = preferred == BaselineSource.EMU2 ? p : e;
            BaselineSource used = preferred;
            Floor chosen = first;
            if (chosen == null && scope.source() == BaselineSource.AUTO && other != null) {
                chosen = other;
                used = preferred == BaselineSource.EMU2 ? BaselineSource.PGE : BaselineSource.EMU2;
            }
            if (chosen != null) {
                nights.add(new Report.NightBaseline(day, chosen.watts(), chosen.from(), used,
                        e == null ? Double.NaN : e.watts(), p == null ? Double.NaN : p.watts()));
            }
        }
        return new Measured(preferred, nights);
    }

    /** True when both sources measured the night and their figures differ by more than {@link #SOURCES_DIFFER}. */
    static boolean sourcesDiffer(Report.NightBaseline night) {
        double smaller = Math.min(night.emu2Watts(), night.pgeWatts());
        return smaller > 0 && Math.abs(night.emu2Watts() - night.pgeWatts()) > SOURCES_DIFFER * smaller;
    }

    /** The source asked for, or for {@code auto} the one covering more nights. */
    private static BaselineSource preferred(BaselineSource asked, int emu2Nights, int pgeNights) {
        if (asked != BaselineSource.AUTO) {
            return asked;
        }
        return pgeNights > emu2Nights ? BaselineSource.PGE : BaselineSource.EMU2;
    }

    /** The night's lowest covered hour on one source, or null when no hour of the night is covered enough. */
    static Floor floor(MinuteEnergy minutes, ReportScope scope, LocalDate day) {
        ZonedDateTime nightStart = day.atStartOfDay(scope.zone());
        long from = (nightStart.toEpochSecond() - minutes.startSecond()) / 60;
        long to = (day.atTime(Report.NightBaseline.NIGHT_END).atZone(scope.zone()).toEpochSecond() - minutes.startSecond()) / 60;
        double best = Double.NaN;
        long bestStart = -1;
        double sum = 0;
        long covered = 0;
        for (long m = from; m < to; m++) {
            sum += minutes.kwSeconds((int) m);
            covered += minutes.coveredSeconds((int) m);
            if (m - from >= WINDOW_MINUTES) {
                sum -= minutes.kwSeconds((int) (m - WINDOW_MINUTES));
                covered -= minutes.coveredSeconds((int) (m - WINDOW_MINUTES));
            }
            if (m - from + 1 >= WINDOW_MINUTES && covered >= MIN_COVERAGE * WINDOW_MINUTES * 60) {
                double watts = 1000 * sum / covered;
                if (Double.isNaN(best) || watts < best) {
                    best = watts;
                    bestStart = m - WINDOW_MINUTES + 1;
                }
            }
        }
        return Double.isNaN(best) ? null : new Floor(best, nightStart.plusMinutes(bestStart - from).toLocalTime());
    }
}
