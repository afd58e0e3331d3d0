package dev.metertap.collector.report;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The always-on answer in plain words: how big, against what, what share, what it costs, and what changed. */
final class Verdict {

    /** Within this fraction of a published figure the house is "about the same", not above or below it. */
    static final double ABOUT = 0.10;
    private static final DateTimeFormatter NIGHT = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private Verdict() {
    }

    static String noNights(BaselineSource asked) {
        return switch (asked) {
            case EMU2 -> "No night in this period has a whole hour between midnight and 6 am covered by the EMU-2's "
                    + "readings, so the always-on load cannot be measured on them; try --source pge.";
            case PGE -> "No night in this period has a whole hour between midnight and 6 am covered by PG&E's "
                    + "intervals, so the always-on load cannot be measured on them; try --source emu2.";
            case AUTO -> "No night in this period has a whole hour between midnight and 6 am covered by EMU-2 readings "
                    + "or PG&E intervals, so the always-on load cannot be measured yet.";
        };
    }

    static String say(double watts, List<Report.NightBaseline> nights, double sharePercent, Report.Tariff tariff,
                      Report.Step step, Report.Trend trend) {
        List<String> sentences = new ArrayList<>();
        sentences.add("The house's always-on load is " + whole(watts) + " W, the median of " + count(nights.size(), "night")
                + " measured on " + sources(nights) + ".");
        List<String> against = new ArrayList<>();
        for (Report.Reference reference : IdleLoadStudies.ALL) {
            against.add(comparison(watts, reference.watts()) + " the " + whole(reference.watts()) + " W " + reference.name()
                    + " (" + IdleLoadStudies.cited(reference) + ")");
        }
        sentences.add("That is " + String.join(" and ", against) + ".");
        if (!Double.isNaN(sharePercent)) {
            sentences.add("It makes " + whole(sharePercent) + " % of the electricity the house drew from the grid in "
                    + "this period (about " + whole(IdleLoadStudies.NRDC_SHARE_PERCENT) + " % in NRDC's homes).");
        }
        if (tariff == null) {
            sentences.add("No price is known: set report.tariff in metertap.yaml to see what it costs.");
        } else {
            double per100 = 0.1 * BaselineSummary.HOURS_PER_YEAR * tariff.perKwh().doubleValue();
            sentences.add("Each 100 W always on costs about " + whole(per100) + " " + tariff.currency() + " a year at "
                    + tariff.perKwh().toPlainString() + " " + tariff.currency() + "/kWh (" + tariffSource(tariff) + ").");
        }
        if (step != null) {
            sentences.add("From the night of " + step.fromNight().format(NIGHT) + " it " + (step.changeWatts() > 0 ? "rose" : "fell")
                    + " from " + whole(step.beforeWatts()) + " W to " + whole(step.afterWatts()) + " W ("
                    + signed(step.changeWatts()) + " W) and stayed there.");
        } else if (trend != null) {
            sentences.add(Math.abs(trend.wattsPer30Days()) <= trend.uncertaintyWattsPer30Days()
                    ? "Over " + trend.nights() + " nights it held steady (" + trendText(trend) + ")."
                    : "Over " + trend.nights() + " nights it " + (trend.wattsPer30Days() > 0 ? "rose" : "fell") + " ("
                    + trendText(trend) + ").");
        }
        return String.join(" ", sentences);
    }

    static String trendText(Report.Trend trend) {
        return signed(trend.wattsPer30Days()) + " ± " + whole(trend.uncertaintyWattsPer30Days()) + " W per 30 days";
    }

    private static String comparison(double watts, double reference) {
        double ratio = watts / reference;
        if (Math.abs(ratio - 1) <= ABOUT) {
            return "about the same as";
        }
        return ratio > 1 ? whole(100 * (ratio - 1)) + " % above" : whole(100 * (1 - ratio)) + " % below";
    }

    private static String sources(List<Report.NightBaseline> nights) {
        long emu2 = nights.stream().filter(n -> n.source() == BaselineSource.EMU2).count();
        long pge = nights.size() - emu2;
        if (pge == 0) {
            return "the EMU-2";
        }
        if (emu2 == 0) {
            return "PG&E's intervals";
        }
        return emu2 >= pge
                ? "the EMU-2 (PG&E's intervals for the " + count(pge, "night") + " it missed)"
                : "PG&E's intervals (the EMU-2 for the " + count(emu2, "night") + " PG&E has not published)";
    }

    private static String tariffSource(Report.Tariff tariff) {
        return switch (tariff.source()) {
            case "emu2" -> "the EMU-2's latest price";
            case "pge" -> "PG&E's cost per kWh over the period";
            default -> "the configured tariff";
        };
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+,.0f", value);
    }
}
