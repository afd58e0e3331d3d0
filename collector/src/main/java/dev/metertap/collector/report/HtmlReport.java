package dev.metertap.collector.report;

import java.io.PrintWriter;
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
            svg.chart{width:100%;height:auto;background:#fff;border:1px solid #ddd;border-radius:8px}
            .legend{font-size:.85rem;color:#555}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px -1px 10px}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;font-size:.8rem;width:100%;background:#fff}
            th,td{padding:3px 4px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}
            td.gap{color:#888}
            """;

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
                report.nights().stream().mapToDouble(Report.NightBaseline::watts).toArray()));
        out.printf("<p class=\"legend\"><span class=\"swatch\" style=\"background:%s\"></span>night's floor<span class=\"swatch\" style=\"background:%s\"></span>trend</p>%n",
                SvgChart.FIRST_COLOUR, SvgChart.SECOND_COLOUR);

        out.println("<h2>Daily energy</h2>");
        List<String> dayLabels = report.days().stream().map(d -> d.day().format(DAY)).toList();
        out.println(SvgChart.bars("daily-energy", "Daily energy", "kWh", dayLabels,
                report.days().stream().mapToDouble(Report.DayEnergy::emu2DeliveredKwh).toArray(),
                report.days().stream().mapToDouble(Report.DayEnergy::pgeDeliveredKwh).toArray(), null));
        legend(out, "EMU-2 (meter's counter)", "PG&E intervals");

        out.println("<h2>When the energy goes</h2>");
        out.println("<p class=\"note\">Average demand in each hour of the day over the period.</p>");
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

        out.println("<h2>EMU-2 versus PG&amp;E</h2>");
        out.println("<p class=\"note\">EMU-2 minus PG&amp;E, over the hours both cover. Grey: the EMU-2's live data had a gap; those hours are left out, not counted as differences.</p>");
        out.println(SvgChart.bars("daily-difference", "Daily difference EMU-2 minus PG&E", "kWh", dayLabels,
                report.dayComparisons().stream().mapToDouble(Report.DayComparison::differenceKwh).toArray(), null,
                flags(report.dayComparisons().stream().map(d -> d.gapHours() > 0).toList())));
        List<Report.HourComparison> lastWeek = report.hours().subList(Math.max(0, report.hours().size() - HOURLY_CHART_HOURS), report.hours().size());
        out.println("<p class=\"note\">Hour by hour, the last " + (lastWeek.size() / 24) + " days:</p>");
        out.println(SvgChart.bars("hourly-difference", "Hourly difference EMU-2 minus PG&E", "kWh",
                lastWeek.stream().map(h -> h.start().atZone(scope.zone()).format(DAY)).toList(),
                lastWeek.stream().mapToDouble(Report.HourComparison::differenceKwh).toArray(), null,
                flags(lastWeek.stream().map(Report.HourComparison::gap).toList())));

        out.println("<h2>By day</h2><div class=\"scroll\"><table>");
        out.println("<tr><th>Day</th><th>EMU-2 kWh</th><th>PG&amp;E kWh</th><th>Diff kWh</th><th>Diff %</th><th>Gap h</th><th>Cost</th></tr>");
        for (int i = 0; i < report.days().size(); i++) {
            Report.DayEnergy d = report.days().get(i);
            Report.DayComparison c = report.dayComparisons().get(i);
            double cost = Double.isNaN(d.pgeCost()) ? d.emu2Cost() : d.pgeCost();
            out.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td%s>%d</td><td>%s</td></tr>%n", d.day().format(DAY),
                    Figures.number(d.emu2DeliveredKwh(), 2), Figures.number(d.pgeDeliveredKwh(), 2), Figures.signed(c.differenceKwh(), 2),
                    Figures.signed(c.differencePercent(), 1), c.gapHours() > 0 ? " class=\"gap\"" : "", c.gapHours(), Figures.number(cost, 2));
        }
        out.println("</table></div>");
        out.printf("<p class=\"note\">Generated by metertap. Cost: PG&amp;E's where it sent one, else EMU-2 energy at the stored price%s.</p>%n",
                currency == null ? " (none stored)" : " in " + escape(currency));
        out.println("</main></body></html>");
        out.flush();
    }

    private static void card(PrintWriter out, String figure, String caption) {
        out.printf("<div class=\"card\"><b>%s</b><span>%s</span></div>%n", escape(figure), escape(caption));
    }

    private static void legend(PrintWriter out, String first, String second) {
        out.printf("<p class=\"legend\"><span class=\"swatch\" style=\"background:%s\"></span>%s<span class=\"swatch\" style=\"background:%s\"></span>%s</p>%n",
                SvgChart.FIRST_COLOUR, escape(first), SvgChart.SECOND_COLOUR, escape(second));
    }

    private static boolean[] flags(List<Boolean> values) {
        boolean[] flags = new boolean[values.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = values.get(i);
        }
        return flags;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
