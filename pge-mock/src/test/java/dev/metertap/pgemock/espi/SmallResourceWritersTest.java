package dev.metertap.pgemock.espi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class SmallResourceWritersTest {

    @Test
    void batchListHoldsEveryUrlInEspiNamespaceWithPrefixNs0() throws Exception {
        List<String> urls = List.of(
                "https://localhost:8443/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50952?correlationID=a&b",
                "https://localhost:8443/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50952?correlationID=000000000-b");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchListWriter.write(urls, out);

        XMLStreamReader xml = reader(out.toByteArray());
        xml.nextTag();
        assertThat(xml.getNamespaceURI()).isEqualTo(ParsedFeed.ESPI);
        assertThat(xml.getLocalName()).isEqualTo("BatchList");
        assertThat(xml.getPrefix()).isEqualTo("ns0");
        List<String> resources = new ArrayList<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            assertThat(xml.getLocalName()).isEqualTo("resources");
            resources.add(xml.getElementText());
        }
        assertThat(resources).isEqualTo(urls);
    }

    @Test
    void serviceStatusUsesTheDefaultEspiNamespace() throws Exception {
        for (int status : new int[] {ServiceStatusWriter.AVAILABLE, ServiceStatusWriter.UNAVAILABLE}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ServiceStatusWriter.write(status, out);

            assertThat(out.toString()).endsWith("<ServiceStatus xmlns=\"http://naesb.org/espi\"><currentStatus>"
                    + status + "</currentStatus></ServiceStatus>");
            XMLStreamReader xml = reader(out.toByteArray());
            xml.nextTag();
            xml.nextTag();
            assertThat(xml.getNamespaceURI()).isEqualTo(ParsedFeed.ESPI);
            assertThat(xml.getElementText()).isEqualTo(Integer.toString(status));
        }
    }

    @Test
    void authorizationNamesTheBulkResourceAndTheUsagePoints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuthorizationFeedWriter.write("https://localhost:8443", "50952",
                List.of(UsagePointSpec.electric("3000000001", 900), UsagePointSpec.gas("3000000002")), out);

        ParsedFeed feed = ParsedFeed.parse(out.toByteArray());
        ParsedFeed.Entry authorization = feed.resources("Authorization").get(0);
        assertThat(authorization.fields()).containsEntry("resourceURI",
                "https://localhost:8443/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50952");
        assertThat(authorization.fields()).containsEntry("status", "1").containsEntry("token_type", "Bearer");
        assertThat(authorization.related()).containsExactly(
                "https://localhost:8443/GreenButtonConnect/espi/1_1/resource/Subscription/4829153/UsagePoint/3000000001",
                "https://localhost:8443/GreenButtonConnect/espi/1_1/resource/Subscription/4829153/UsagePoint/3000000002");
        assertThat(feed.espiPrefixes()).containsExactly("ns0");
    }

    @Test
    void authorizationAcceptsTheResourceBaseToo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        AuthorizationFeedWriter.write(new EspiLinks(EspiLinks.PGE_RESOURCE_BASE + "/", "1234567"), "12345",
                List.of(), clock, out);

        assertThat(ParsedFeed.parse(out.toByteArray()).resources("Authorization").get(0).fields())
                .containsEntry("resourceURI", EspiLinks.PGE_RESOURCE_BASE + "/Batch/Bulk/12345");
    }

    @Test
    void sampleDataIsFixedAndHoldsASpringForwardDay() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        SampleData.write(first);
        SampleData.write(second);

        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        ParsedFeed feed = ParsedFeed.parse(first.toByteArray());
        assertThat(feed.joinedReadings()).hasSize(24 + 23 + 2);
        assertThat(feed.resources("IntervalBlock")).extracting(ParsedFeed.Entry::blockDuration)
                .contains(82800);
    }

    private static XMLStreamReader reader(byte[] xml) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }
}
