package dev.metertap.collector.pge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchListParserTest {

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryResourceWhateverThePrefix() {
        String pge = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ns0:BatchList xmlns:ns0="http://naesb.org/espi">
                  <ns0:resources>https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098?correlationID=a</ns0:resources>
                  <ns0:resources> https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098?correlationID=b </ns0:resources>
                </ns0:BatchList>""";
        String unprefixed = """
                <BatchList xmlns="http://naesb.org/espi"><resources>https://x/a</resources></BatchList>""";
        assertThat(BatchListParser.parse(bytes(pge))).containsExactly(
                "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098?correlationID=a",
                "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098?correlationID=b");
        assertThat(BatchListParser.parse(bytes(unprefixed))).containsExactly("https://x/a");
    }

    @Test
    void refusesAnotherRootOrNamespace() {
        assertThatThrownBy(() -> BatchListParser.parse(bytes("<BatchList><resources>https://x/a</resources></BatchList>")))
                .hasMessageContaining("not an ESPI BatchList");
        assertThatThrownBy(() -> BatchListParser.parse(bytes("not xml"))).hasMessageContaining("not well-formed");
    }

    @Test
    void refusesExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE BatchList [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <BatchList xmlns="http://naesb.org/espi"><resources>&xxe;</resources></BatchList>""";
        assertThatThrownBy(() -> BatchListParser.parse(bytes(xxe))).hasMessageContaining("DOCTYPE").hasMessageNotContaining("root:");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE BatchList [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = dtd + "<BatchList xmlns=\"http://naesb.org/espi\"><resources>&lol9;</resources></BatchList>";
        assertThatThrownBy(() -> BatchListParser.parse(bytes(bomb))).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesTooManyResources() {
        String many = "<BatchList xmlns=\"http://naesb.org/espi\">" + "<resources>https://x/a</resources>".repeat(1001) + "</BatchList>";
        assertThatThrownBy(() -> BatchListParser.parse(bytes(many))).hasMessageContaining("more than 1000");
    }
}
