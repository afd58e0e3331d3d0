package dev.metertap.collector.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: bars (one or two series) and dots with a trend line. Drawn in
 * a fixed viewBox that scales to the page's width; unknown values (NaN) leave a gap, and positions
 * with missing data get a grey band as wide as the share missing.
 *
 * <p>Sized for a phone: the viewBox is {@value #WIDTH} units wide, so at 412 CSS px (a 384 px wide
 * chart) a unit is 0.8 px and {@value #FONT}-unit text is 12 px. Wider pages make the text smaller in
 * units through the report's CSS ({@link #WIDE_SCREEN_FONT}), since the chart then grows.
 */
final class SvgChart {

    static final int WIDTH = 480;
    static final int HEIGHT = 250;
    static final int FONT = 15;
    /** Font size (viewBox units) the report's CSS sets on pages at least 600 px wide: about 12 to 16 px there. */
    static final int WIDE_SCREEN_FONT = 10;
    /** Width of a character in units of the font size: generous for digits and lower case in a sans-serif face. */
    private static final double CHAR_WIDTH = 0.62;
    private static final int RIGHT = 12;
    /** Room for the unit on its own line above the top tick label. */
    private static final int TOP = 2 * FONT;
    /** Room below the plot for the labels, clear of the lowest tick label. */
    private static final int BOTTOM = FONT + 18;
    static final String FIRST_COLOUR = "#2a6f97";
    static final String SECOND_COLOUR = "#e07a1f";
    static final String GAP_COLOUR = "#d0d0d0";

    private SvgChart() {
    }

    /**
     * Bars per label; {@code second} (may be null) is drawn beside {@code first}; {@code missingShare} (may be
     * null) gives, per position, the share of its time whose data is missing (0 to 1), shaded grey that wide.
     * Bars may be negative.
     */
    static String bars(String name, String title, String unit, List<String> labels, double[] first, double[] second,
                       double[] missingShare) {
        int n = labels.size();
        double max = 0;
        double min = 0;
        for (double[] series : second == null ? new double[][]{first} : new double[][]{first, second}) {
            for (double v : series) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        Axis y = Axis.through(min, max);
        StringBuilder svg = open(name, title);
        axes(svg, y, unit);
        double slot = y.plotWidth() / Math.max(n, 1);
        double barWidth = Math.max(1, slot * (second == null ? 0.75 : 0.4));
        for (int i = 0; i < n; i++) {
            double x = y.left + i * slot;
            bar(svg, y, x + slot * 0.1, barWidth, first[i], FIRST_COLOUR, labels.get(i), unit);
            if (second != null) {
                bar(svg, y, x + slot * 0.1 + barWidth, barWidth, second[i], SECOND_COLOUR, labels.get(i), unit);
            }
            double share = missingShare == null ? 0 : Math.min(1, Math.max(0, missingShare[i]));
            if (share > 0) {
                // over the bar, so that a day missing a few hours shows a stripe through it as wide as the share
                svg.append(String.format(Locale.ROOT, "<rect class=\"gap\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.85\"><title>%s: %s %% missing</title></rect>",
                        x + slot * (1 - share) / 2, TOP, slot * share, HEIGHT - TOP - BOTTOM, GAP_COLOUR,
                        HtmlReport.escape(labels.get(i)), Figures.number(100 * share, 0)));
            }
        }
        zeroLine(svg, y);
        xLabels(svg, y, labels, slot);
        return svg.append("</svg>").toString();
    }

    /**
     * One dot per value with the least-squares line through them (x is the position), on an axis from zero
     * so that a few watts between nights look as small as they are; {@code references} (may be empty) are
     * drawn as dotted lines, named in the legend (a label in the plot would sit on the dots of a house near them).
     */
    static String dotsWithTrend(String name, String title, String unit, List<String> labels, double[] values,
                                List<Report.Reference> references) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        for (Report.Reference r : references) {
            max = Math.max(max, r.watts());
        }
        Axis y = Axis.through(0, max);
        StringBuilder svg = open(name, title);
        axes(svg, y, unit);
        for (Report.Reference r : references) {
            svg.append(String.format(Locale.ROOT, "<line class=\"reference\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"2 3\"/>",
                    y.left, y.at(r.watts()), WIDTH - RIGHT, y.at(r.watts())));
        }
        double slot = y.plotWidth() / Math.max(values.length, 1);
        for (int i = 0; i < values.length; i++) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>%s: %s %s</title></circle>",
                    y.left + (i + 0.5) * slot, y.at(values[i]), Math.min(5, Math.max(2.5, slot / 3)), FIRST_COLOUR,
                    HtmlReport.escape(labels.get(i)), Figures.number(values[i], 0), unit));
        }
        if (values.length >= 2) {
            double meanX = (values.length - 1) / 2.0;
            double meanY = 0;
            for (double v : values) {
                meanY += v / values.length;
            }
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < values.length; i++) {
                sxy += (i - meanX) * (values[i] - meanY);
                sxx += (i - meanX) * (i - meanX);
            }
            double slope = sxy / sxx;
            svg.append(String.format(Locale.ROOT, "<line class=\"trend\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                    y.left + 0.5 * slot, y.at(meanY - slope * meanX), y.left + (values.length - 0.5) * slot,
                    y.at(meanY + slope * (values.length - 1 - meanX)), SECOND_COLOUR));
        }
        zeroLine(svg, y);
        xLabels(svg, y, labels, slot);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String name, String title) {
        return new StringBuilder(4096).append(String.format(Locale.ROOT,
                "<svg class=\"chart\" data-chart=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                name, WIDTH, HEIGHT, HtmlReport.escape(title)));
    }

    private static void axes(StringBuilder svg, Axis y, String unit) {
        for (double v : y.ticks()) {
            double py = y.at(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>", y.left, py, WIDTH - RIGHT, py));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%d\" fill=\"#555\">%s</text>",
                    y.left - 5, py + 0.35 * FONT, FONT, y.label(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"unit\" x=\"4\" y=\"%d\" font-size=\"%d\" fill=\"#555\">%s</text>", FONT, FONT, HtmlReport.escape(unit)));
    }

    private static void zeroLine(StringBuilder svg, Axis y) {
        double zero = y.at(Math.max(y.min, 0));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", y.left, zero, WIDTH - RIGHT, zero));
    }

    private static void bar(StringBuilder svg, Axis y, double x, double width, double value, String colour, String label, String unit) {
        if (Double.isNaN(value)) {
            return;
        }
        double zero = y.at(Math.max(y.min, 0));
        double top = y.at(value);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s %s</title></rect>",
                x, Math.min(zero, top), width, Math.max(0.5, Math.abs(zero - top)), colour, HtmlReport.escape(label),
                Figures.number(value, 3), HtmlReport.escape(unit)));
    }

    /**
     * Labels where they change (a day's first hour), as many as fit side by side at the phone's font size.
     * Repeated labels (hours of one day) mark the start of their run; unique ones sit under their bar.
     */
    private static void xLabels(StringBuilder svg, Axis y, List<String> labels, double slot) {
        List<Integer> changes = new ArrayList<>();
        int longest = 1;
        for (int i = 0; i < labels.size(); i++) {
            if (i == 0 || !labels.get(i).equals(labels.get(i - 1))) {
                changes.add(i);
                longest = Math.max(longest, labels.get(i).length());
            }
        }
        double labelWidth = textWidth(longest);
        int fit = Math.max(1, (int) (y.plotWidth() / (labelWidth + FONT)));
        int every = Math.max(1, (int) Math.ceil(changes.size() / (double) fit));
        boolean runs = changes.size() < labels.size();
        for (int k = 0; k < changes.size(); k += every) {
            int i = changes.get(k);
            double x = y.left + (runs ? i : i + 0.5) * slot;
            if ((runs ? x + labelWidth : x + labelWidth / 2) > WIDTH) {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" fill=\"#555\">%s</text>",
                    x, HEIGHT - BOTTOM + FONT + 10, runs ? "start" : "middle", FONT, HtmlReport.escape(labels.get(i))));
        }
    }

    private static double textWidth(int characters) {
        return characters * CHAR_WIDTH * FONT;
    }

    /** The value axis: round ticks (1, 2 or 5 × 10ⁿ apart) covering min to max, and the left margin their labels need. */
    record Axis(double min, double max, double step, double left) {

        static Axis through(double min, double max) {
            if (max - min < 1e-9) {
                max = min + 1;
            }
            double step = roundStep((max - min) / 4);
            double low = Math.floor(min / step + 1e-9) * step;
            double high = Math.ceil(max / step - 1e-9) * step;
            Axis unplaced = new Axis(low, high, step, 0);
            int longest = unplaced.ticks().stream().mapToInt(v -> unplaced.label(v).length()).max().orElse(1);
            return new Axis(low, high, step, 10 + textWidth(longest));
        }

        /** The 1, 2 or 5 × 10ⁿ nearest {@code raw}. */
        static double roundStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / power;
            return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long count = Math.round((max - min) / step);
            for (long k = 0; k <= count; k++) {
                ticks.add(min + k * step + 0.0);
            }
            return ticks;
        }

        String label(double value) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            String text = Figures.number(value, decimals);
            // -0 reads as a different number than 0
            return text.matches("-0(\\.0+)?") ? text.substring(1) : text;
        }

        double plotWidth() {
            return WIDTH - RIGHT - left;
        }

        double at(double value) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (max - value) / (max - min);
        }
    }
}
