package dev.metertap.pgemock.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.ClientTls;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgeMockExtensionIT {

    @RegisterExtension
    static PgeMockExtension pge = PgeMockExtension.with(() -> PgeMockOptions.defaults().badTokenStatus(403));

    @Test
    void injectsARunningMockThatIssuesTokens(PgeMock mock) throws Exception {
        assertThat(mock).isSameAs(pge.mock());
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.context(mock.clientIdentity(), List.of(mock.serverCa()))).build();
        String basic = Base64.getEncoder().encodeToString(
                (mock.credentials().clientId() + ":" + mock.credentials().clientSecret()).getBytes());
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mock.tokenUrl()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void faultsAreClearedBetweenTests(PgeMock mock) {
        assertThat(mock.faults().serviceStatus()).isEqualTo(1);
        mock.faults().serviceStatus(0);
    }

    @Test
    void optionsFromTheSupplierApply(PgeMock mock) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.context(mock.clientIdentity(), List.of(mock.serverCa()))).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mock.resourceBase() + "/ReadServiceStatus"))
                .header("Authorization", "Bearer unknown").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }
}
