package dev.metertap.collector.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hostile ESPI documents written as a stream, never held whole: a 200 MB comment, PI or CDATA, 200,000 usage points. */
enum HostileFeeds {
    COMMENT("<!--", "-->"),
    PROCESSING_INSTRUCTION("<?padding ", "?>"),
    CDATA("<title><![CDATA[", "]]></title>"),
    USAGE_POINTS(null, null);

    static final long PADDING_BYTES = 200L << 20;
    static final int USAGE_POINT_COUNT = 200_000;
    private static final String BASE = "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/";

    private final String open;
    private final String close;

    HostileFeeds(String open, String close) {
        this.open = open;
        this.close = close;
    }

    void write(OutputStream out) throws IOException {
        ascii(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xmlns:espi=\"http://naesb.org/espi\">");
        if (this == USAGE_POINTS) {
            for (int i = 0; i < USAGE_POINT_COUNT; i++) {
                ascii(out, usagePoint(5_550_000_000L + i));
            }
        } else {
            ascii(out, open);
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) 'x');
            for (long written = 0; written < PADDING_BYTES; written += chunk.length) {
                out.write(chunk);
            }
            ascii(out, close);
        }
        ascii(out, "</feed>\n");
    }

    /** One usage point as PG&amp;E shapes it: the point, its MeterReading, its ReadingType and a one-reading block. */
    private static String usagePoint(long id) {
        String point = BASE + "Subscription/4829153/UsagePoint/" + id;
        String meterReading = point + "/MeterReading/" + Long.toHexString(id * 2_654_435_761L);
        String readingType = BASE + "ReadingType/" + id;
        return "<entry><link rel=\"self\" href=\"" + readingType + "\"/><content><espi:ReadingType>"
                + "<espi:flowDirection>1</espi:flowDirection><espi:intervalLength>3600</espi:intervalLength>"
                + "<espi:powerOfTenMultiplier>0</espi:powerOfTenMultiplier><espi:uom>72</espi:uom>"
                + "</espi:ReadingType></content></entry>"
                + "<entry><link rel=\"self\" href=\"" + point + "\"/><link rel=\"related\" href=\"" + point
                + "/MeterReading\"/><content><espi:UsagePoint><espi:ServiceCategory><espi:kind>0</espi:kind>"
                + "</espi:ServiceCategory></espi:UsagePoint></content></entry>"
                + "<entry><link rel=\"self\" href=\"" + meterReading + "\"/><link rel=\"related\" href=\""
                + meterReading + "/IntervalBlock\"/><link rel=\"related\" href=\"" + readingType + "\"/>"
                + "<content><espi:MeterReading/></content></entry>"
                + "<entry><link rel=\"up\" href=\"" + meterReading + "/IntervalBlock\"/><content><espi:IntervalBlock>"
                + "<espi:IntervalReading><espi:timePeriod><espi:duration>3600</espi:duration>"
                + "<espi:start>1717225200</espi:start></espi:timePeriod><espi:value>1250</espi:value>"
                + "</espi:IntervalReading></espi:IntervalBlock></content></entry>\n";
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
