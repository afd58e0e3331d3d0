package dev.metertap.collector.report;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** The report as plain text for a terminal: fixed-width tables, a dash where the data does not say. */
public final class TextReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int LARGEST_HOURLY_DIFFERENCES = 10;

    private TextReport() {
    }

    /** Words on lines of at most {@code width} characters, each indented. */
    static void wrap(PrintWriter out, String text, String indent, int width) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.println(line);
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }

    public static void write(Report report, PrintWriter out) {
        ReportScope scope = report.scope();
        String currency = report.price() == null ? null : report.price().currency();
        out.printf("metertap report %s to %s (%s)%n%n", scope.firstDay(), scope.lastDay(), scope.zone());

        Report.Baseline b = report.baseline();
        out.println("Always-on load (each night's lowest whole-hour mean between 00:00 and 06:00; the median over nights)");
        wrap(out, b.verdict(), "  ", 100);
        if (b.nights() > 0) {
            out.println();
            out.printf("  median        %s W over %d nights on %s (lowest %s W, highest %s W)%n", Figures.number(b.medianWatts(), 0),
                    b.nights(), b.source() == BaselineSource.PGE ? "PG&E" : "the EMU-2", Figures.number(b.minWatts(), 0),
                    Figures.number(b.maxWatts(), 0));
            out.printf("  trend         %s%n", b.trend() == null
                    ? "needs " + BaselineChange.MIN_TREND_NIGHTS + " nights" : Verdict.trendText(b.trend()));
            out.printf("  step          %s%n", b.step() == null ? "none" : "from " + b.step().fromNight() + ": "
                    + Figures.number(b.step().beforeWatts(), 0) + " W to " + Figures.number(b.step().afterWatts(), 0) + " W");
            out.printf("  per year      %s kWh, %s%s%n", Figures.number(b.kwhPerYear(), 0), Figures.money(b.costPerYear(),
                    b.tariff() == null ? null : b.tariff().currency()), b.tariff() == null ? " (no price known)"
                    : " at " + b.tariff().perKwh().toPlainString() + " " + b.tariff().currency() + "/kWh (" + b.tariff().source() + ")");
            out.printf("  share         %s %% of the energy drawn from the grid%n", Figures.number(b.sharePercent(), 0));
        }
        for (Report.Reference r : b.references()) {
            out.printf("  %-13s %s W, %s: %s%n", r == b.references().get(0) ? "compared with" : "", Figures.number(r.watts(), 0),
                    r.name(), r.source());
        }
        out.println();
        out.println("Nights (* EMU-2 and PG&E differ by more than 5 %)");
        out.println("  night        floor W  from   source  EMU-2 W  PG&E W");
        for (Report.NightBaseline n : report.nights()) {
            out.printf("  %s %8s  %s  %-6s %8s %7s%s%n", n.day(), Figures.number(n.watts(), 0), n.from(), n.source().id(),
                    Figures.number(n.emu2Watts(), 0), Figures.number(n.pgeWatts(), 0), BaselineFinder.sourcesDiffer(n) ? " *" : "");
        }
        out.println();

        dailyEnergy(report, out);
        if (report.hasDemand()) {
            whenTheEnergyGoes(report, out);
        }
        if (report.comparesSources()) {
            comparison(report, out);
        }
        out.flush();
    }

    /** Each day's energy and cost, in columns for the sources that have data. */
    private static void dailyEnergy(Report report, PrintWriter out) {
        boolean emu2 = report.hasEmu2Energy();
        boolean pge = report.hasPgeEnergy();
        out.println("Daily energy (kWh)");
        if (!emu2 && !pge) {
            out.println("  none: no EMU-2 summation and no PG&E intervals in this period");
            out.println();
            return;
        }
        out.println("  day       " + (emu2 ? "  EMU-2 in  EMU-2 out" : "") + (pge ? "  PG&E in   PG&E out" : "")
                + (emu2 ? "  EMU-2 cost" : "") + (pge ? "  PG&E cost" : ""));
        for (Report.DayEnergy d : report.days()) {
            StringBuilder row = new StringBuilder("  ").append(d.day());
            if (emu2) {
                row.append(String.format(" %9s %10s", Figures.number(d.emu2DeliveredKwh(), 3), Figures.number(d.emu2ReceivedKwh(), 3)));
            }
            if (pge) {
                row.append(String.format(" %8s%s %9s", Figures.number(d.pgeDeliveredKwh(), 3),
                        d.pgeComplete() || Double.isNaN(d.pgeDeliveredKwh()) ? " " : "*", Figures.number(d.pgeReceivedKwh(), 3)));
            }
            if (emu2) {
                row.append(String.format(" %11s", Figures.number(d.emu2Cost(), 2)));
            }
            if (pge) {
                row.append(String.format(" %10s", Figures.number(d.pgeCost(), 2)));
            }
            out.println(row);
        }
        if (report.days().stream().anyMatch(d -> !d.pgeComplete() && !Double.isNaN(d.pgeDeliveredKwh()))) {
            out.println("  (* PG&E sent only part of the day)");
        }
        out.println();
    }

    /** Demand by hour of day and the largest sustained loads: both need the EMU-2's demand. */
    private static void whenTheEnergyGoes(Report report, PrintWriter out) {
        out.println("Average demand by hour of day (kW)");
        for (Report.HourOfDay h : report.hourOfDay()) {
            int bar = Double.isNaN(h.averageKw()) ? 0 : (int) Math.round(Math.max(0, h.averageKw()) * 10);
            out.printf("  %02d:00 %7s  %s%n", h.hour(), Figures.number(h.averageKw(), 2), "#".repeat(Math.min(bar, 60)));
        }
        out.println();

        out.println("Largest sustained loads (at least " + SustainedLoadFinder.MIN_MINUTES + " minutes, "
                + Figures.number(SustainedLoadFinder.THRESHOLD_KW, 1) + " kW or more above the baseline)");
        if (report.sustainedLoads().isEmpty()) {
            out.println("  none");
        }
        for (Report.SustainedLoad l : report.sustainedLoads()) {
            out.printf("  %s  %4d min  %6s kW  %7s kWh%n", l.start().format(WHEN), l.minutes(),
                    Figures.number(l.kwAboveBaseline(), 2), Figures.number(l.kwhAboveBaseline(), 2));
        }
        out.println();
    }

    /** EMU-2 versus PG&E over the hours both cover, the EMU-2's gap hours as ranges, and the largest hourly differences. */
    private static void comparison(Report report, PrintWriter out) {
        ZoneId zone = report.scope().zone();
        out.println("EMU-2 versus PG&E by day (hours both cover; EMU-2 gap hours left out)");
        out.println("  day         hours  gaps  EMU-2 kWh  PG&E kWh  difference kWh      %");
        for (Report.DayComparison d : report.dayComparisons()) {
            out.printf("  %s %6d %5d %10s %9s %15s %6s%n", d.day(), d.comparedHours(), d.gapHours(), Figures.number(d.emu2Kwh(), 3),
                    Figures.number(d.pgeKwh(), 3), Figures.signed(d.differenceKwh(), 3), Figures.signed(d.differencePercent(), 1));
        }
        out.println();

        List<Report.HourComparison> gaps = report.hours().stream().filter(Report.HourComparison::gap).toList();
        out.printf("EMU-2 gap hours (not counted as differences): %d%s%n", gaps.size(), gaps.isEmpty() ? "" : ":");
        // consecutive gap hours as one range: a week's outage is one line, not 168
        for (int i = 0; i < gaps.size(); ) {
            int j = i;
            while (j + 1 < gaps.size() && gaps.get(j + 1).start().equals(gaps.get(j).start().plusSeconds(3600))) {
                j++;
            }
            out.printf("  %s to %s (%d h)%n", gaps.get(i).start().atZone(zone).format(WHEN),
                    gaps.get(j).start().plusSeconds(3600).atZone(zone).format(WHEN), j - i + 1);
            i = j + 1;
        }
        List<Report.HourComparison> largest = report.hours().stream().filter(h -> !Double.isNaN(h.differenceKwh()))
                .sorted(Comparator.comparingDouble((Report.HourComparison h) -> Math.abs(h.differenceKwh())).reversed())
                .limit(LARGEST_HOURLY_DIFFERENCES).toList();
        out.println("Largest hourly differences (EMU-2 minus PG&E)");
        if (largest.isEmpty()) {
            out.println("  no hour covered by both");
        }
        for (Report.HourComparison h : largest) {
            out.printf("  %s  EMU-2 %7s  PG&E %7s  %s kWh  %s %%%n", h.start().atZone(zone).format(WHEN),
                    Figures.number(h.emu2Kwh(), 3), Figures.number(h.pgeKwh(), 3), Figures.signed(h.differenceKwh(), 3),
                    Figures.signed(h.differencePercent(), 1));
        }
    }
}

