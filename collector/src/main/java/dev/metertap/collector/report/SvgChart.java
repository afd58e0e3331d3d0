package dev.metertap.collector.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: bars (one or two series) and dots with a trend line. Drawn in
 * a fixed viewBox that scales to the page's width; unknown values (NaN) leave a gap, and flagged
 * positions get a grey band.
 */
final class SvgChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 52;
    private static final int RIGHT = 10;
    private static final int TOP = 12;
    private static final int BOTTOM = 40;
    static final String FIRST_COLOUR = "#2a6f97";
    static final String SECOND_COLOUR = "#e07a1f";

    private SvgChart() {
    }

    /**
     * Bars per label; {@code second} (may be null) is drawn beside {@code first}; {@code flagged} (may be
     * null) marks positions with a grey band (data gaps). Bars may be negative.
     */
    static String bars(String name, String title, String unit, List<String> labels, double[] first, double[] second,
                       boolean[] flagged) {
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
        if (max == min) {
            max = min + 1;
        }
        Scale y = new Scale(min, max);
        StringBuilder svg = open(name, title);
        axes(svg, y, unit);
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(n, 1);
        double barWidth = Math.max(1, slot * (second == null ? 0.75 : 0.4));
        for (int i = 0; i < n; i++) {
            double x = LEFT + i * slot;
            if (flagged != null && flagged[i]) {
                svg.append(String.format(Locale.ROOT, "<rect class=\"gap\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#d0d0d0\"/>",
                        x, TOP, slot, HEIGHT - TOP - BOTTOM));
            }
            bar(svg, y, x + slot * 0.1, barWidth, first[i], FIRST_COLOUR, labels.get(i));
            if (second != null) {
                bar(svg, y, x + slot * 0.1 + barWidth, barWidth, second[i], SECOND_COLOUR, labels.get(i));
            }
        }
        xLabels(svg, labels, slot);
        return svg.append("</svg>").toString();
    }

    /** One dot per value with the least-squares line through them (x is the position). */
    static String dotsWithTrend(String name, String title, String unit, List<String> labels, double[] values) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double v : values) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (values.length == 0) {
            min = 0;
            max = 1;
        }
        double pad = Math.max(5, (max - min) * 0.15);
        Scale y = new Scale(Math.max(0, min - pad), max + pad);
        StringBuilder svg = open(name, title);
        axes(svg, y, unit);
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(values.length, 1);
        for (int i = 0; i < values.length; i++) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>%s: %s %s</title></circle>",
                    LEFT + (i + 0.5) * slot, y.at(values[i]), Math.min(5, Math.max(2, slot / 3)), FIRST_COLOUR,
                    labels.get(i), Figures.number(values[i], 0), unit));
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
                    LEFT + 0.5 * slot, y.at(meanY - slope * meanX), LEFT + (values.length - 0.5) * slot,
                    y.at(meanY + slope * (values.length - 1 - meanX)), SECOND_COLOUR));
        }
        xLabels(svg, labels, slot);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String name, String title) {
        return new StringBuilder(4096).append(String.format(Locale.ROOT,
                "<svg class=\"chart\" data-chart=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                name, WIDTH, HEIGHT, HtmlReport.escape(title)));
    }

    private static void axes(StringBuilder svg, Scale y, String unit) {
        for (int i = 0; i <= 4; i++) {
            double v = y.min + (y.max - y.min) * i / 4;
            double py = y.at(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>", LEFT, py, WIDTH - RIGHT, py));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"13\" fill=\"#555\">%s</text>",
                    LEFT - 6, py + 4, Figures.number(v, Math.abs(y.max - y.min) < 4 ? 2 : 0)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"13\" fill=\"#555\">%s</text>", TOP - 1, HtmlReport.escape(unit)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", LEFT, y.at(Math.max(y.min, 0)),
                WIDTH - RIGHT, y.at(Math.max(y.min, 0))));
    }

    private static void bar(StringBuilder svg, Scale y, double x, double width, double value, String colour, String label) {
        if (Double.isNaN(value)) {
            return;
        }
        double zero = y.at(Math.max(y.min, 0));
        double top = y.at(value);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                x, Math.min(zero, top), width, Math.max(0.5, Math.abs(zero - top)), colour, HtmlReport.escape(label), Figures.number(value, 3)));
    }

    /** Labels where they change (a day's first hour), at most about eight, so they stay legible on a phone. */
    private static void xLabels(StringBuilder svg, List<String> labels, double slot) {
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (i == 0 || !labels.get(i).equals(labels.get(i - 1))) {
                changes.add(i);
            }
        }
        int every = Math.max(1, (int) Math.ceil(changes.size() / 8.0));
        for (int k = 0; k < changes.size(); k += every) {
            int i = changes.get(k);
            boolean wide = changes.size() < labels.size();
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" font-size=\"13\" fill=\"#555\">%s</text>",
                    LEFT + (wide ? i : i + 0.5) * slot, HEIGHT - BOTTOM + 18, wide ? "start" : "middle", HtmlReport.escape(labels.get(i))));
        }
    }

    private record Scale(double min, double max) {
        double at(double value) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (max - value) / (max - min);
        }
    }
}
