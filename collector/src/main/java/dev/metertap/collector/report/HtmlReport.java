package dev.metertap.collector.report;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report as one self-contained HTML file: inline CSS and SVG charts, no scripts, nothing
 * fetched, so it can be mailed or opened offline; a responsive viewport so that it reads on a phone.
 */
public final class HtmlReport {

    /** Hour-by-hour chart covers the period's last week: more bars would be thinner than a pixel on a phone. */
    static final int HOURLY_CHART_HOURS = 7 * 24;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM d HH:mm");

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:0 14px 32px;color:#222;background:#fafafa;line-height:1.45}
            main{max-width:760px;margin:0 auto}
            h1{font-size:1.45rem;margin:18px 0 4px}
            h2{font-size:1.15rem;margin:26px 0 6px;border-bottom:1px solid #ddd;padding-bottom:3px}
            p.note{color:#555;font-size:.92rem;margin:4px 0 8px}
            p.verdict{font-size:1.05rem;margin:8px 0}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:12px 0}
            .card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 12px}
            .card b{display:block;font-size:1.5rem;color:#2a6f97}
            .card span{font-size:.85rem;color:#555}
            svg.chart{width:100%;height:auto;box-sizing:border-box;background:#fff;border:1px solid #ddd;border-radius:8px}
            @media (min-width:600px){svg.chart text{font-size:WIDE_FONTpx}}
            .legend{font-size:.85rem;color:#555}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px -1px 10px}
            .swatch.dashed{height:0;border-top:2px dashed #999;border-radius:0;margin-bottom:3px}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;font-size:.8rem;width:100%;background:#fff}
            th,td{padding:3px 4px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}
            td.gap{color:#888}
            """.replace("WIDE_FONT", Integer.toString(SvgChart.WIDE_SCREEN_FONT));

    private HtmlReport() {
    }

    public static void write(Report report, PrintWriter out) {
        ReportScope scope = report.scope();
        String currency = report.price() == null ? null : report.price().currency();
        Report.Baseline b = report.baseline();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.printf("<title>metertap report %s to %s</title><style>%s</style></head><body><main>%n", scope.firstDay(), scope.lastDay(), STYLE);
        out.printf("<h1>Electricity report</h1><p class=\"note\">%s to %s, %s time</p>%n", scope.firstDay(), scope.lastDay(), escape(scope.zone().getId()));

        out.println("<h2>Always-on load</h2>");
        out.printf("<p class=\"verdict\">%s</p>%n", escape(b.verdict()));
        out.println("<div class=\"cards\">");
        String tariffCurrency = b.tariff() == null ? null : b.tariff().currency();
        card(out, Figures.number(b.medianWatts(), 0) + " W", "median of " + b.nights() + " nights, "
                + (b.source() == BaselineSource.PGE ? "PG&E" : "EMU-2"));
        for (Report.Reference r : b.references()) {
            card(out, Figures.number(r.watts(), 0) + " W", r.name() + " (" + IdleLoadStudies.cited(r) + ")");
        }
        card(out, Figures.number(b.sharePercent(), 0) + " %", "of the energy drawn from the grid");
        card(out, Figures.money(b.costPerYear(), tariffCurrency), b.tariff() == null ? "a year: no price known"
                : "a year at " + b.tariff().perKwh().toPlainString() + " " + escape(tariffCurrency) + "/kWh");
        if (b.step() != null) {
            card(out, Figures.signed(b.step().changeWatts(), 0) + " W", "step from the night of " + b.step().fromNight().format(DAY));
        }
        if (b.trend() != null) {
            card(out, Verdict.trendText(b.trend()).replace(" per 30 days", ""), "trend per 30 days");
        }
        out.println("</div>");
        out.println("<p class=\"note\">Each night's lowest mean demand over a whole hour between midnight and 6 am; the figure is the median over nights.</p>");
        List<String> nightLabels = report.nights().stream().map(n -> n.day().format(DAY)).toList();
        out.println(SvgChart.dotsWithTrend("baseline", "Nightly baseline", "W", nightLabels,
                report.nights().stream().mapToDouble(Report.NightBaseline::watts).toArray(), b.references()));
        out.printf("<p class=\"legend\"><span class=\"swatch\" style=\"background:%s\"></span>night's floor<span class=\"swatch\" style=\"background:%s\"></span>trend%s</p>%n",
                SvgChart.FIRST_COLOUR, SvgChart.SECOND_COLOUR, b.references().isEmpty() ? "" : "<span class=\"swatch dashed\"></span>published averages: "
                        + escape(String.join(", ", b.references().stream().map(r -> Figures.number(r.watts(), 0) + " W (" + IdleLoadStudies.cited(r) + ")").toList())));

        dailyEnergy(report, out);
        if (report.hasDemand()) {
            whenTheEnergyGoes(report, out);
        }
        if (report.comparesSources()) {
            comparison(report, out);
        }
        out.printf("<p class=\"note\">Generated by metertap. %s</p>%n", costNote(report, currency));
        out.println("</main></body></html>");
        out.flush();
    }

    /** Each day's energy from the sources present, and its cost. */
    private static void dailyEnergy(Report report, PrintWriter out) {
        boolean emu2 = report.hasEmu2Energy();
        boolean pge = report.hasPgeEnergy();
        out.println("<h2>Daily energy</h2>");
        if (!emu2 && !pge) {
            out.println("<p class=\"note\">No day's energy: the store holds no EMU-2 summation and no PG&amp;E intervals for this period.</p>");
            return;
        }
        List<String> dayLabels = report.days().stream().map(d -> d.day().format(DAY)).toList();
        double[] emu2Kwh = report.days().stream().mapToDouble(Report.DayEnergy::emu2DeliveredKwh).toArray();
        double[] pgeKwh = report.days().stream().mapToDouble(Report.DayEnergy::pgeDeliveredKwh).toArray();
        out.println(SvgChart.bars("daily-energy", "Daily energy", "kWh", dayLabels, emu2 ? emu2Kwh : pgeKwh,
                emu2 && pge ? pgeKwh : null, null));
        if (emu2 && pge) {
            legend(out, "EMU-2 (meter's counter)", "PG&E intervals");
        } else {
            out.printf("<p class=\"legend\"><span class=\"swatch\" style=\"background:%s\"></span>%s</p>%n", SvgChart.FIRST_COLOUR,
                    emu2 ? "EMU-2 (meter's counter)" : "PG&amp;E intervals");
        }
        boolean exported = report.days().stream().anyMatch(d -> d.emu2ReceivedKwh() > 0 || d.pgeReceivedKwh() > 0);
        boolean costed = report.days().stream().anyMatch(d -> !Double.isNaN(cost(d)));
        out.print("<div class=\"scroll\"><table><tr><th>Day</th>");
        if (emu2) {
            out.print(exported ? "<th>EMU-2 in kWh</th><th>EMU-2 out kWh</th>" : "<th>EMU-2 kWh</th>");
        }
        if (pge) {
            out.print(exported ? "<th>PG&amp;E in kWh</th><th>PG&amp;E out kWh</th>" : "<th>PG&amp;E kWh</th>");
        }
        out.println(costed ? "<th>Cost</th></tr>" : "</tr>");
        for (Report.DayEnergy d : report.days()) {
            out.printf("<tr><td>%s</td>", d.day().format(DAY));
            if (emu2) {
                cell(out, d.emu2DeliveredKwh(), "");
                if (exported) {
                    cell(out, d.emu2ReceivedKwh(), "");
                }
            }
            if (pge) {
                String partial = d.pgeComplete() || Double.isNaN(d.pgeDeliveredKwh()) ? "" : "*";
                cell(out, d.pgeDeliveredKwh(), partial);
                if (exported) {
                    cell(out, d.pgeReceivedKwh(), partial);
                }
            }
            out.println(costed ? "<td>" + Figures.number(cost(d), 2) + "</td></tr>" : "</tr>");
        }
        out.println("</table></div>");
        if (pge && report.days().stream().anyMatch(d -> !d.pgeComplete() && !Double.isNaN(d.pgeDeliveredKwh()))) {
            out.println("<p class=\"note\">* PG&amp;E sent only part of the day.</p>");
        }
    }

    /** PG&E's cost where it sent one, else the EMU-2's energy at the stored price. */
    private static double cost(Report.DayEnergy d) {
        return Double.isNaN(d.pgeCost()) ? d.emu2Cost() : d.pgeCost();
    }

    private static void cell(PrintWriter out, double kwh, String mark) {
        out.printf("<td>%s%s</td>", Figures.number(kwh, 2), mark);
    }

    /** Demand by hour of day and the largest sustained loads: both need the EMU-2's demand. */
    private static void whenTheEnergyGoes(Report report, PrintWriter out) {
        out.println("<h2>When the energy goes</h2>");
        out.println("<p class=\"note\">Average demand in each hour of the day over the period (EMU-2).</p>");
        out.println(SvgChart.bars("hour-of-day", "Average demand by hour of day", "kW",
                report.hourOfDay().stream().map(h -> String.format("%02d", h.hour())).toList(),
                report.hourOfDay().stream().mapToDouble(Report.HourOfDay::averageKw).toArray(), null, null));
        out.printf("<p class=\"note\">Largest sustained loads: %d minutes or more, at least %s kW above that day's baseline.</p>%n",
                SustainedLoadFinder.MIN_MINUTES, Figures.number(SustainedLoadFinder.THRESHOLD_KW, 1));
        out.println("<div class=\"scroll\"><table><tr><th>Start</th><th>Minutes</th><th>kW above</th><th>kWh</th></tr>");
        for (Report.SustainedLoad l : report.sustainedLoads()) {
            out.printf("<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td></tr>%n", l.start().format(WHEN), l.minutes(),
                    Figures.number(l.kwAboveBaseline(), 2), Figures.number(l.kwhAboveBaseline(), 2));
        }
        if (report.sustainedLoads().isEmpty()) {
            out.println("<tr><td colspan=\"4\">none</td></tr>");
        }
        out.println("</table></div>");
    }

    /** EMU-2 versus PG&E over the hours both cover: by day (gap hours shaded in proportion), the last week by hour, and the table. */
    private static void comparison(Report report, PrintWriter out) {
        ZoneId zone = report.scope().zone();
        List<Report.DayComparison> days = report.dayComparisons();
        out.println("<h2>EMU-2 versus PG&amp;E</h2>");
        out.println("<p class=\"note\">EMU-2 minus PG&amp;E, over the hours both cover. Grey: the share of the day the EMU-2's live data had a gap; those hours are left out, not counted as differences.</p>");
        out.println(SvgChart.bars("daily-difference", "Daily difference EMU-2 minus PG&E", "kWh",
                days.stream().map(d -> d.day().format(DAY)).toList(),
                days.stream().mapToDouble(Report.DayComparison::differenceKwh).toArray(), null,
                days.stream().mapToDouble(d -> (double) d.gapHours() / hoursIn(d.day(), zone)).toArray()));
        List<Report.HourComparison> lastWeek = lastWeekCompared(report.hours());
        out.println("<p class=\"note\">Hour by hour, the last " + (lastWeek.size() / 24) + " days compared:</p>");
        out.println(SvgChart.bars("hourly-difference", "Hourly difference EMU-2 minus PG&E", "kWh",
                lastWeek.stream().map(h -> h.start().atZone(zone).format(DAY)).toList(),
                lastWeek.stream().mapToDouble(Report.HourComparison::differenceKwh).toArray(), null,
                lastWeek.stream().mapToDouble(h -> h.gap() ? 1 : 0).toArray()));

        out.println("<h2>By day, EMU-2 versus PG&amp;E</h2><p class=\"note\">kWh over the same hours: those both cover; gaps are the EMU-2's gap hours, left out.</p><div class=\"scroll\"><table>");
        out.println("<tr><th>Day</th><th>Hours</th><th>EMU-2</th><th>PG&amp;E</th><th>Diff</th><th>Diff %</th><th>Gaps</th></tr>");
        for (Report.DayComparison c : days) {
            out.printf("<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td%s>%d</td></tr>%n", c.day().format(DAY),
                    c.comparedHours(), Figures.number(c.emu2Kwh(), 2), Figures.number(c.pgeKwh(), 2), Figures.signed(c.differenceKwh(), 2),
                    Figures.signed(c.differencePercent(), 1), c.gapHours() > 0 ? " class=\"gap\"" : "", c.gapHours());
        }
        out.println("</table></div>");
    }

    /** The {@link #HOURLY_CHART_HOURS} hours up to the last one compared or flagged (PG&E publishes a day late). */
    private static List<Report.HourComparison> lastWeekCompared(List<Report.HourComparison> hours) {
        int end = hours.size();
        while (end > 0 && Double.isNaN(hours.get(end - 1).differenceKwh()) && !hours.get(end - 1).gap()) {
            end--;
        }
        return hours.subList(Math.max(0, end - HOURLY_CHART_HOURS), end);
    }

    private static long hoursIn(LocalDate day, ZoneId zone) {
        return Duration.between(day.atStartOfDay(zone), day.plusDays(1).atStartOfDay(zone)).toHours();
    }

    private static String costNote(Report report, String currency) {
        if (report.days().stream().allMatch(d -> Double.isNaN(cost(d)))) {
            return "No daily cost: PG&amp;E sent none and the EMU-2 stored no price.";
        }
        if (!report.hasPgeEnergy()) {
            return "Cost: EMU-2 energy at the stored price" + (currency == null ? " (none stored)." : " in " + escape(currency) + ".");
        }
        if (!report.hasEmu2Energy()) {
            return "Cost: PG&amp;E's own, where it sent one.";
        }
        return "Cost: PG&amp;E's where it sent one, else EMU-2 energy at the stored price"
                + (currency == null ? " (none stored)." : " in " + escape(currency) + ".");
    }

    private static void card(PrintWriter out, String figure, String caption) {
        out.printf("<div class=\"card\"><b>%s</b><span>%s</span></div>%n", escape(figure), escape(caption));
    }

    private static void legend(PrintWriter out, String first, String second) {
        out.printf("<p class=\"legend\"><span class=\"swatch\" style=\"background:%s\"></span>%s<span class=\"swatch\" style=\"background:%s\"></span>%s</p>%n",
                SvgChart.FIRST_COLOUR, escape(first), SvgChart.SECOND_COLOUR, escape(second));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
