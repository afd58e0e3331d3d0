package dev.metertap.collector.pge.espi;

import dev.metertap.pgemock.espi.AuthorizationFeedWriter;
import dev.metertap.pgemock.espi.ServiceStatusWriter;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationAndServiceStatusTest {

    @Test
    void theAuthorizationFeedGivesTheBulkIdAndUsagePoints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuthorizationFeedWriter.write("https://localhost:8443", "50098",
                List.of(UsagePointSpec.solar("5550000101", 900), UsagePointSpec.gas("5550000102")), out);

        List<Authorization> authorizations = AuthorizationParser.parse(new ByteArrayInputStream(out.toByteArray()));

        assertThat(authorizations).containsExactly(new Authorization(
                "https://localhost:8443/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098", "50098",
                List.of("5550000101", "5550000102")));
    }

    @Test
    void aBareAuthorizationWithoutLinksHasNoUsagePoints() throws Exception {
        String bare = """
                <espi:Authorization xmlns:espi="http://naesb.org/espi">
                  <espi:resourceURI>https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/12345</espi:resourceURI>
                </espi:Authorization>""";

        assertThat(AuthorizationParser.parse(new ByteArrayInputStream(bare.getBytes(StandardCharsets.UTF_8))))
                .containsExactly(new Authorization(
                        "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/12345", "12345", List.of()));
    }

    @Test
    void noAuthorizationIsAReason() {
        assertThatThrownBy(() -> AuthorizationParser.parse(new ByteArrayInputStream(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(EspiException.class).hasMessage("the document holds no espi:Authorization");
    }

    @Test
    void serviceStatusReadsAvailableAndOutage() throws Exception {
        for (int status : new int[] {ServiceStatusWriter.AVAILABLE, ServiceStatusWriter.UNAVAILABLE}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ServiceStatusWriter.write(status, out);
            assertThat(ServiceStatusParser.parse(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(status);
        }
    }

    @Test
    void serviceStatusRefusesADoctypeAndAnEmptyAnswer() {
        assertThatThrownBy(() -> ServiceStatusParser.parse(new ByteArrayInputStream(
                "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><ServiceStatus/>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(EspiException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> ServiceStatusParser.parse(new ByteArrayInputStream(
                "<ServiceStatus xmlns=\"http://naesb.org/espi\"/>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(EspiException.class).hasMessage("the document holds no espi:ServiceStatus currentStatus");
    }
}
