package dev.metertap.pgemock.espi;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * DownloadSampleData: a small fixed feed, the same bytes every time. An hourly electric point and a gas point over
 * 9 and 10 March 2024, the second being a spring-forward day (23 hourly readings, block of 82800 s).
 */
public final class SampleData {

    public static final String ELECTRIC_USAGE_POINT = "5550000001";
    public static final String GAS_USAGE_POINT = "5550000002";
    public static final UsageModel MODEL = new UsageModel(20240310L, List.of(
            UsagePointSpec.electric(ELECTRIC_USAGE_POINT, 3600),
            UsagePointSpec.gas(GAS_USAGE_POINT)));
    static final Instant FROM = Instant.parse("2024-03-09T08:00:00Z");
    // midnight to midnight: over-inclusive like PG&E, this returns both 9 and 10 March
    static final Instant TO = Instant.parse("2024-03-10T08:00:00Z");
    private static final Clock PUBLISHED = Clock.fixed(Instant.parse("2024-03-12T07:24:36.374Z"), ZoneOffset.UTC);

    private SampleData() {
    }

    /** Does not close {@code out}. */
    public static void write(OutputStream out) throws IOException {
        new FeedWriter(EspiLinks.pge(), PUBLISHED)
                .writeFeed(MODEL, List.of(ELECTRIC_USAGE_POINT, GAS_USAGE_POINT), FROM, TO, out);
    }
}
