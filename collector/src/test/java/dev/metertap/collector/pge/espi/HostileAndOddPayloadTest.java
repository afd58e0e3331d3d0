package dev.metertap.collector.pge.espi;

import dev.metertap.collector.reading.IntervalReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HostileAndOddPayloadTest {

    private static final String SECRET = "metertap-xxe-canary-7f3a";

    private final List<IntervalReading> readings = new ArrayList<>();

    @Test
    void anExternalEntityIsNeverFetchedAndTheDoctypeIsRefused(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("passwd"), SECRET);
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [ <!ENTITY xxe SYSTEM "%s"> ]>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title></feed>
                """.formatted(secret.toUri());

        EspiException e = refused(xxe);

        assertThat(e.reason()).contains("DOCTYPE").doesNotContain(SECRET);
        assertThat(stackText(e)).doesNotContain(SECRET);
    }

    @Test
    void aSystemDoctypePointingAtEtcPasswdIsRefused() {
        EspiException e = refused("""
                <?xml version="1.0"?>
                <!DOCTYPE feed SYSTEM "file:///etc/passwd">
                <feed xmlns="http://www.w3.org/2005/Atom"/>
                """);

        assertThat(e.reason()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnythingExpands() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        doc.append("]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&lol9;</title></feed>");

        EspiException e = refused(doc.toString());

        assertThat(e.reason()).contains("DOCTYPE").doesNotContain("lollol");
    }

    @Test
    void anUndeclaredEntityIsNotWellFormed() {
        EspiException e = refused("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&lol9;</title></feed>");

        assertThat(e.reason()).startsWith("not well-formed XML").contains("lol9");
    }

    @Test
    void aFeedLargerThanTheLimitIsRefusedWhileStreaming() {
        EspiParser parser = new EspiParser(EspiLimits.DEFAULTS.withMaxBytes(64 * 1024));
        // never ends by itself: only the byte limit stops it
        InputStream endless = new InputStream() {
            private final byte[] head = "<feed xmlns=\"http://www.w3.org/2005/Atom\">".getBytes(StandardCharsets.US_ASCII);
            private final byte[] comment = "<!-- padding padding padding -->".getBytes(StandardCharsets.US_ASCII);
            private long position;

            @Override
            public int read() {
                long p = position++;
                return p < head.length ? head[(int) p] : comment[(int) ((p - head.length) % comment.length)];
            }
        };

        EspiException e = catchThrowableOfType(() -> parser.parse(endless, Optional.empty(), readings::add),
                EspiException.class);

        assertThat(e.reason()).isEqualTo("the document is larger than the limit of 65536 bytes");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<feed xmlns=\"http://www.w3.org/2005/Atom\">" + "<a>".repeat(100) + "</a>".repeat(100) + "</feed>";

        assertThat(refused(deep).reason()).isEqualTo("elements are nested deeper than the limit of 64");
    }

    @Test
    void aHugeTextIsRefused() {
        String espi = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link rel=\"self\" href=\"x/ReadingType/1\"/>"
                + "<content><ReadingType xmlns=\"http://naesb.org/espi\"><uom>" + "7".repeat(70_000)
                + "</uom></ReadingType></content></entry></feed>";

        assertThat(refused(espi).reason()).isEqualTo("an element's text is longer than the limit of 65536 characters");
    }

    @Test
    void notXmlAtAllSaysWhere() {
        assertThat(refused("{\"error\":\"invalid_request\"}").reason()).startsWith("not well-formed XML (line 1");
    }

    @Test
    void aHugeCommentProcessingInstructionOrCdataIsRefusedWhileStreaming() {
        String padding = "x".repeat(70_000);
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\">%s</feed>";

        assertThat(refused(feed.formatted("<!--" + padding + "-->")).reason())
                .isEqualTo("a comment is longer than the limit of 65536 characters");
        assertThat(refused(feed.formatted("<?padding " + padding + "?>")).reason())
                .isEqualTo("a processing instruction is longer than the limit of 65536 characters");
        assertThat(refused(feed.formatted("<title><![CDATA[" + padding + "]]></title>")).reason())
                .isEqualTo("a CDATA section is longer than the limit of 65536 characters");
        assertThat(refused(feed.formatted("<link rel=\"self\" href=\"" + padding + "\"/>")).reason())
                .isEqualTo("a tag is longer than the limit of 65536 characters");
    }

    @Test
    void commentsPisAndCdataWithTheirClosersInsideStillParse() throws Exception {
        String odd = new String(getClass().getResourceAsStream("/espi/odd-prefixes-millisecond-periods.xml")
                .readAllBytes(), StandardCharsets.UTF_8);
        String tricky = odd.replace("<ns0:title type=\"text\">Green Button Usage Feed</ns0:title>",
                "<!-- a - b - > <![CDATA[ --><?pi a ? b > c ??><ns0:title><![CDATA[ ]] ] > <!-- ]]></ns0:title>");
        assertThat(tricky).isNotEqualTo(odd);

        assertThat(parsed(tricky)).hasSize(3);
    }

    @Test
    void aFeedDescribingMoreUsagePointsMeterReadingsAndReadingTypesThanTheLimitIsRefused() {
        byte[] feed = GroundTruth.feed(EspiParserTest.MODEL, EspiParserTest.ALL, EspiParserTest.FROM,
                EspiParserTest.FROM.plusSeconds(86_400));
        EspiParser bounded = new EspiParser(EspiLimits.DEFAULTS.withMaxLinkedResources(5));

        EspiException e = catchThrowableOfType(() -> bounded.parse(new ByteArrayInputStream(feed), Optional.empty(),
                readings::add), EspiException.class);

        assertThat(e.reason()).isEqualTo("the feed describes more than 5 usage points, meter readings and reading types");
    }

    @Test
    void anUnboundPrefixIsSaidInWords() {
        String reason = refused("<ns1:feed xmlns=\"http://www.w3.org/2005/Atom\"><ns1:entry/></ns1:feed>").reason();

        assertThat(reason).startsWith("not well-formed XML (line 1, column ")
                .endsWith(": the prefix 'ns1' of the element <ns1:feed> is not declared (no xmlns:ns1=\"…\" on it "
                        + "or around it)");
    }

    @Test
    void badUtf8SaysWhereInOneReasonAndPrintsNothing() throws Exception {
        byte[] head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>caf"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] document = new byte[head.length + 40];
        System.arraycopy(head, 0, document, 0, head.length);
        document[head.length] = (byte) 0xE9; // é in Latin-1: in UTF-8, a lead byte its next byte does not continue
        byte[] tail = " du coin</title></feed>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, document, head.length + 1, tail.length);
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        EspiException e;
        try {
            System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
            e = catchThrowableOfType(() -> new EspiParser().parse(new ByteArrayInputStream(document, 0,
                    head.length + 1 + tail.length), Optional.empty(), readings::add), EspiException.class);
        } finally {
            System.setErr(original);
        }

        assertThat(e.reason()).isEqualTo("the document is not valid UTF-8: byte " + (head.length + 1) + " (line 3) is "
                + "not part of any character (saved in another encoding, or damaged)");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("nothing printed by the JDK's parser").isEmpty();
    }

    @Test
    void aFeedArrivingOneByteAtATimeParsesTheSame() throws Exception {
        // every state of the decoder and of the markup bounds cut between reads, a two-byte character included
        String odd = new String(getClass().getResourceAsStream("/espi/odd-prefixes-millisecond-periods.xml")
                .readAllBytes(), StandardCharsets.UTF_8).replace("Green Button Usage Feed", "Consommation élec <![CDATA[]]]]>");
        byte[] bytes = odd.getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int b = read();
                if (b < 0) {
                    return -1;
                }
                buffer[offset] = (byte) b;
                return 1;
            }
        };

        new EspiParser().parse(trickle, Optional.empty(), readings::add);

        assertThat(readings).hasSize(3);
        assertThat(readings.get(0).value()).isEqualByComparingTo("1.250");
    }

    @Test
    void aUtf16FileWithItsByteOrderMarkParses() throws Exception {
        String odd = new String(getClass().getResourceAsStream("/espi/odd-prefixes-millisecond-periods.xml")
                .readAllBytes(), StandardCharsets.UTF_8).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        byte[] utf16 = odd.getBytes(StandardCharsets.UTF_16); // big-endian with a byte order mark

        new EspiParser().parse(new ByteArrayInputStream(utf16), Optional.empty(), readings::add);

        assertThat(readings).hasSize(3);
    }

    @Test
    void anOldOddPayloadParses() throws Exception {
        EspiSummary summary;
        try (InputStream in = getClass().getResourceAsStream("/espi/odd-prefixes-millisecond-periods.xml")) {
            summary = new EspiParser().parse(in, Optional.empty(), readings::add);
        }

        assertThat(summary.readings()).isEqualTo(3);
        assertThat(summary.usagePoints()).containsExactly("1029384756");
        assertThat(readings).extracting(IntervalReading::start).containsExactly(
                Instant.ofEpochSecond(1552287600), Instant.ofEpochSecond(1552291200), Instant.ofEpochSecond(1552294800));
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.usagePoint()).isEqualTo("1029384756");
            assertThat(r.commodity()).isEqualTo(IntervalReading.Commodity.ELECTRICITY);
            assertThat(r.flow()).isEqualTo(IntervalReading.Flow.DELIVERED);
            assertThat(r.unit()).isEqualTo(IntervalReading.Unit.KWH);
            assertThat(r.intervalSeconds()).isEqualTo(3600);
        });
        IntervalReading first = readings.get(0);
        assertThat(first.value()).isEqualByComparingTo("1.250");
        assertThat(first.cost()).isEqualByComparingTo("12.34567");
        assertThat(first.quality()).isEqualTo(19);
        assertThat(first.tou()).isEqualTo(2);
        IntervalReading second = readings.get(1);
        assertThat(second.value()).isEqualByComparingTo("0.875");
        assertThat(second.cost()).isNull();
        assertThat(second.tou()).isNull();
        assertThat(second.quality()).as("the ReadingType's defaultQuality").isEqualTo(17);
        IntervalReading third = readings.get(2);
        assertThat(third.value()).isEqualByComparingTo(new BigDecimal("-0.003"));
        assertThat(third.quality()).isEqualTo(8);
    }

    @Test
    void monthlyBillingIntervalsOfThirtyFiveAndThirtyDaysKeepTheirLengthInSeconds() throws Exception {
        // 3,024,000 s and 2,592,000 s are whole thousands above a week, yet seconds as ESPI says: they fit their blocks
        long march = 1709280000L; // 2024-03-01T08:00:00Z
        long april = march + 3_024_000L;
        String feed = billingFeed(block(march, 3_024_000L, reading(march, 3_024_000L, 612_000))
                + block(april, 2_592_000L, reading(april, 2_592_000L, 498_500)));

        List<IntervalReading> got = parsed(feed);

        assertThat(got).extracting(IntervalReading::start, IntervalReading::intervalSeconds).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochSecond(march), 3_024_000),
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochSecond(april), 2_592_000));
        assertThat(got).extracting(IntervalReading::value).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("612.000"), new BigDecimal("498.500"));
    }

    @Test
    void millisecondDurationsAreReadAsSuchOnlyWithEvidence() throws Exception {
        long day = 1709280000L;
        // an hour in milliseconds cannot be seconds inside a one-day block; a millisecond start says so by itself
        String feed = billingFeed(block(day, 86_400L, reading(day, 3_600_000L, 1_000)
                + reading((day + 3600) * 1000, 3_600_000L, 2_000))
                + block((day + 86_400) * 1000, 86_400_000L, reading(day + 86_400, 3_600_000L, 3_000)));

        List<IntervalReading> got = parsed(feed);

        assertThat(got).extracting(IntervalReading::start).containsExactly(Instant.ofEpochSecond(day),
                Instant.ofEpochSecond(day + 3600), Instant.ofEpochSecond(day + 86_400));
        assertThat(got).extracting(IntervalReading::intervalSeconds).containsOnly(3600);
    }

    private List<IntervalReading> parsed(String feed) throws EspiException {
        new EspiParser().parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)), Optional.empty(),
                readings::add);
        return readings;
    }

    private static String billingFeed(String blocks) {
        String base = "https://api.example.com/espi/1_1/resource/Subscription/1/UsagePoint/2468013579";
        return """
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:espi="http://naesb.org/espi">
                 <entry><link rel="self" href="https://api.example.com/espi/1_1/resource/ReadingType/monthly"/>
                  <content><espi:ReadingType><espi:commodity>1</espi:commodity><espi:flowDirection>1</espi:flowDirection>
                   <espi:powerOfTenMultiplier>0</espi:powerOfTenMultiplier><espi:uom>72</espi:uom></espi:ReadingType>
                  </content></entry>
                 <entry><link rel="self" href="%1$s"/><content><espi:UsagePoint><espi:ServiceCategory>
                   <espi:kind>0</espi:kind></espi:ServiceCategory></espi:UsagePoint></content></entry>
                 <entry><link rel="self" href="%1$s/MeterReading/1"/>
                  <link rel="related" href="%1$s/MeterReading/1/IntervalBlock"/>
                  <link rel="related" href="https://api.example.com/espi/1_1/resource/ReadingType/monthly"/>
                  <content><espi:MeterReading/></content></entry>
                 <entry><link rel="up" href="%1$s/MeterReading/1/IntervalBlock"/>
                  <content>%2$s</content></entry>
                </feed>
                """.formatted(base, blocks);
    }

    private static String block(long start, long duration, String readings) {
        return "<espi:IntervalBlock><espi:interval><espi:duration>" + duration + "</espi:duration><espi:start>" + start
                + "</espi:start></espi:interval>" + readings + "</espi:IntervalBlock>";
    }

    private static String reading(long start, long duration, long wattHours) {
        return "<espi:IntervalReading><espi:timePeriod><espi:duration>" + duration + "</espi:duration><espi:start>"
                + start + "</espi:start></espi:timePeriod><espi:value>" + wattHours + "</espi:value></espi:IntervalReading>";
    }

    private EspiException refused(String document) {
        EspiException e = catchThrowableOfType(() -> new EspiParser().parse(
                new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), Optional.empty(), readings::add),
                EspiException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(readings).as("nothing passed").isEmpty();
        return e;
    }

    private static String stackText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
