package dev.metertap.pgemock;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Scripting the mock the WireMock way: mapping files under a root directory, and the admin API behind the certificate gate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptedMappingsIT {

    private static final String RESOURCE = "/GreenButtonConnect/espi/1_1/resource/";

    @TempDir
    static Path rootDir;
    private PgeMock pge;
    private HttpClient client;

    @BeforeAll
    void start() throws Exception {
        copyFixture("root-dirs/outage-and-sample-data-burst", rootDir);
        pge = new PgeMock(PgeMockOptions.defaults().rootDir(rootDir)).start();
        client = HttpClients.issuerAgnostic(pge.clientIdentity(), pge.serverCa());
    }

    @AfterAll
    void stop() {
        pge.close();
    }

    @Test
    void aMappingFileOverridesOneResourceAndLeavesTheOthersToTheMock() throws Exception {
        String token = token();

        HttpResponse<String> status = HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", token);
        HttpResponse<String> authorization = HttpClients.get(client, pge.resourceBase() + "/Authorization", token);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("<currentStatus>0</currentStatus>");
        assertThat(authorization.statusCode()).isEqualTo(200);
        assertThat(authorization.body()).contains(pge.bulkUrl());
    }

    @Test
    void aScriptedAnswerStillWantsTheCertificateAndAToken() throws Exception {
        HttpResponse<String> noToken = HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", null);
        HttpResponse<String> noCertificate = HttpClients.get(HttpClients.withoutCertificate(pge.serverCa()),
                pge.resourceBase() + "/ReadServiceStatus", token());

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noCertificate.statusCode()).isEqualTo(400);
        assertThat(noCertificate.body()).isEqualTo("Invalid Certificate");
    }

    @Test
    void aScenarioInAMappingFileGivesA503BurstThenTheMocksOwnAnswer() throws Exception {
        pge.wireMock().resetScenarios(); // the burst starts now, whichever test ran before
        String token = token();
        String url = pge.resourceBase() + "/DownloadSampleData";
        int before = pge.wireMock().findAll(getRequestedFor(urlPathEqualTo(RESOURCE + "DownloadSampleData"))).size();

        assertThat(HttpClients.get(client, url, token).statusCode()).isEqualTo(503);
        assertThat(HttpClients.get(client, url, token).statusCode()).isEqualTo(503);
        HttpResponse<String> recovered = HttpClients.get(client, url, token);

        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).contains("IntervalBlock");
        pge.wireMock().verify(before + 3, getRequestedFor(urlPathEqualTo(RESOURCE + "DownloadSampleData")));
    }

    @Test
    void theAdminApiShowsTheTrafficToTheRegisteredCertificateOnly() throws Exception {
        String token = token();
        HttpClients.get(client, pge.resourceBase() + "/Authorization", token);

        HttpResponse<String> requests = HttpClients.get(client, pge.baseUrl() + "/__admin/requests", null);
        HttpResponse<String> refused = HttpClients.get(HttpClients.withoutCertificate(pge.serverCa()),
                pge.baseUrl() + "/__admin/requests", null);

        assertThat(requests.statusCode()).isEqualTo(200);
        assertThat(requests.body()).contains("\"url\" : \"" + RESOURCE + "Authorization\"",
                pge.clientIdentity().fingerprint().hex());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("Invalid Certificate");
    }

    @Test
    void aStubPostedToTheAdminApiOverridesTheBuiltInOneOnlyWithTheRegisteredCertificate() throws Exception {
        String stub = """
                {"request": {"method": "GET", "urlPath": "%sAuthorization", "queryParameters": {"probe": {"equalTo": "admin"}}},
                 "response": {"status": 200, "body": "scripted through the admin API"}}""".formatted(RESOURCE);

        HttpResponse<String> refused = post(HttpClients.withoutCertificate(pge.serverCa()), "/__admin/mappings", stub);
        HttpResponse<String> before = HttpClients.get(client, pge.resourceBase() + "/Authorization?probe=admin", token());
        HttpResponse<String> added = post(client, "/__admin/mappings", stub);
        HttpResponse<String> after = HttpClients.get(client, pge.resourceBase() + "/Authorization?probe=admin", token());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(before.body()).isNotEqualTo("scripted through the admin API");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(after.body()).isEqualTo("scripted through the admin API");
    }

    @Test
    void aStubCanReuseABuiltInAnswerAndAResetBringsBackTheFilesAndTheBuiltIns() throws Exception {
        String reuse = """
                {"request": {"method": "GET", "urlPath": "%sServiceStatusCopy"},
                 "response": {"transformers": ["pge-espi"], "transformerParameters": {"resource": "SERVICE_STATUS"}}}""".formatted(RESOURCE);
        assertThat(post(client, "/__admin/mappings", reuse).statusCode()).isEqualTo(201);
        HttpResponse<String> copy = HttpClients.get(client, pge.resourceBase() + "/ServiceStatusCopy", token());

        HttpResponse<String> reset = post(client, "/__admin/mappings/reset", "");
        String token = token();
        HttpResponse<String> copyAfterReset = HttpClients.get(client, pge.resourceBase() + "/ServiceStatusCopy", token);

        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.body()).contains("<currentStatus>1</currentStatus>");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(copyAfterReset.statusCode()).isEqualTo(404);
        assertThat(HttpClients.get(client, pge.resourceBase() + "/ReadServiceStatus", token).body())
                .as("the mapping file again").contains("<currentStatus>0</currentStatus>");
        assertThat(HttpClients.get(client, pge.resourceBase() + "/Authorization", token).statusCode())
                .as("the built-in stubs again").isEqualTo(200);
    }

    @Test
    void aBrokenMappingFileIsNamedInOneLine(@TempDir Path brokenRoot) throws Exception {
        Files.createDirectories(brokenRoot.resolve("mappings"));
        Files.writeString(brokenRoot.resolve("mappings/outage.json"), "{\"request\": {\"method\": \"GET\",");

        // the running mock's keys: no new ones to make
        PgeMockOptions options = PgeMockOptions.defaults().rootDir(brokenRoot)
                .serverIdentity(pge.serverIdentity()).clientIdentity(pge.clientIdentity());
        assertThatThrownBy(() -> new PgeMock(options).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot load the mapping files in " + brokenRoot.resolve("mappings"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception"));
    }

    private String token() throws Exception {
        return HttpClients.token(HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(),
                pge.credentials().clientSecret(), "grant_type=client_credentials"));
    }

    private HttpResponse<String> post(HttpClient from, String path, String json) throws Exception {
        return from.send(HttpRequest.newBuilder(URI.create(pge.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void copyFixture(String resource, Path into) throws IOException, URISyntaxException {
        Path from = Path.of(ScriptedMappingsIT.class.getClassLoader().getResource(resource).toURI());
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = into.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
