package dev.metertap.collector.report;

import java.util.List;

/**
 * Published always-on figures a house is put beside. Only what the studies state: averages, no percentiles.
 * Both measured "idle load" from smart-meter data much as metertap does (the house's lowest steady draw).
 */
final class IdleLoadStudies {

    static final Report.Reference NRDC = new Report.Reference("average of about 70,000 PG&E homes", 164,
            "NRDC, Home Idle Load: Devices Wasting Huge Amounts of Electricity When Not in Active Use, issue paper IP:15-03-A, May 2015");
    static final Report.Reference HEA = new Report.Reference("average of about 70,000 California homes", 218,
            "Home Energy Analytics, \"Reduce your Idle Load\", https://corp.hea.com/home-idle-load");
    /** NRDC: always-on use was about 23 % of the homes' electricity. */
    static final double NRDC_SHARE_PERCENT = 23;

    static final List<Report.Reference> ALL = List.of(NRDC, HEA);

    /** How a sentence cites it. */
    static String cited(Report.Reference reference) {
        return reference == NRDC ? "NRDC, 2015" : "Home Energy Analytics";
    }

    private IdleLoadStudies() {
    }
}
