package dev.metertap.features;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.metertap.collector.cli.MetertapCommand;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.journal.JournalEntry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import picocli.CommandLine;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PG&E's Share My Data: registration, certificates, tokens, as the user meets them. */
public final class UtilitySteps {

    private static final String TOKEN_PATH = "/oauth/v2/token";
    private static final Duration JOURNAL_WAIT = Duration.ofSeconds(10);
    private static final char[] KEYSTORE_PASSWORD = "features".toCharArray();

    private final ScenarioFolder folder;
    private final ScenarioUtility utility;
    private final ScenarioCollector collector;
    private String checkOutput;
    private int checkStatus = -1;
    private HttpResponse<String> defaultJavaAnswer;
    private final List<Integer> serviceStatuses = new ArrayList<>();

    public UtilitySteps(ScenarioFolder folder, ScenarioUtility utility, ScenarioCollector collector) {
        this.folder = folder;
        this.utility = utility;
        this.collector = collector;
    }

    @Given("PG&E's tokens last {int} minutes")
    public void pgesTokensLast(int minutes) {
        utility.mocked().tokenLifetime(Duration.ofMinutes(minutes));
    }

    @When("I run {string} with a configuration made from my client kit")
    public void iRunWithThatConfiguration(String commandLine) throws Exception {
        List<String> args = new ArrayList<>(List.of(commandLine.replaceFirst("^metertap ", "").split(" ")));
        Path config = Files.writeString(folder.resolve("pge-check.yaml"), utility.mocked().pgeSection());
        args.addAll(List.of("-c", config.toString()));
        StringWriter out = new StringWriter();
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        checkStatus = cli.execute(args.toArray(String[]::new));
        checkOutput = out.toString();
    }

    @Then("every step of the check passes")
    public void everyStepPasses() {
        assertThat(checkOutput).as("the check's output").doesNotContain("FAIL")
                .contains("PASS  test token", "PASS  ReadServiceStatus", "PASS  DownloadSampleData");
        assertThat(checkStatus).as("exit status").isZero();
    }

    @Then("the check warns that Java's default client would send no certificate")
    public void theCheckWarnsAboutTheTrap() {
        assertThat(checkOutput).contains("Java's default key managers would send no certificate here");
    }

    @When("a Java client with default settings asks PG&E for a token with my certificate")
    public void aDefaultJavaClientAsksForAToken() throws Exception {
        PgeMock pge = utility.started();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(pge.clientIdentity().toKeyStore(KEYSTORE_PASSWORD), KEYSTORE_PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("pge", pge.serverCa());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        String basic = Base64.getEncoder().encodeToString((pge.credentials().clientId() + ":"
                + pge.credentials().clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        defaultJavaAnswer = http.send(HttpRequest.newBuilder(URI.create(pge.tokenUrl() + "?grant_type=client_credentials"))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Then("PG&E refuses it with {int} {string}")
    public void pgeRefusesIt(int status, String text) {
        assertThat(defaultJavaAnswer.statusCode()).isEqualTo(status);
        assertThat(defaultJavaAnswer.body()).contains(text);
    }

    @Then("PG&E saw no certificate on that request")
    public void pgeSawNoCertificate() throws InterruptedException {
        JournalEntry refused = awaitTokenRequest(defaultJavaAnswer.statusCode());
        assertThat(refused.certificate()).as("the certificate PG&E saw").isEmpty();
    }

    @When("the collector asks PG&E for a token")
    public void theCollectorAsksForAToken() throws Exception {
        assertThat(collector.pge().client().token().token().reveal()).isNotBlank();
    }

    @Then("PG&E saw my registered certificate on the collector's request")
    public void pgeSawMyCertificate() throws InterruptedException {
        JournalEntry issued = awaitTokenRequest(200);
        assertThat(issued.certificate()).contains(utility.started().clientIdentity().fingerprint());
    }

    /** A WireMock stub mapping from {@code src/test/resources/pge-mappings}, as a feature author writes one. */
    @Given("PG&E answers as the mapping file {string} says")
    public void pgeAnswersAsTheMappingFileSays(String file) throws Exception {
        var resource = UtilitySteps.class.getClassLoader().getResource("pge-mappings/" + file);
        assertThat(resource).as("mapping file pge-mappings/%s", file).isNotNull();
        String json = new String(resource.openStream().readAllBytes(), StandardCharsets.UTF_8);
        utility.started().wireMock().addStubMapping(StubMapping.buildFrom(json));
    }

    @Then("the service status read says PG&E is unavailable")
    public void theServiceStatusSaysUnavailable() {
        assertThat(serviceStatuses).containsExactly(0);
    }

    @When("the collector reads PG&E's service status")
    public void theCollectorReadsTheServiceStatus() throws Exception {
        serviceStatuses.add(collector.pge().client().serviceStatus());
    }

    @When("{int} minutes pass at PG&E")
    public void minutesPassAtPge(int minutes) {
        utility.pgeTimePasses(Duration.ofMinutes(minutes));
    }

    @Then("every service status read says PG&E is available")
    public void everyServiceStatusSaysAvailable() {
        assertThat(serviceStatuses).isNotEmpty().containsOnly(1);
    }

    @Then("PG&E refused the expired token once and the collector got a new one")
    public void pgeRefusedTheExpiredTokenOnce() throws InterruptedException {
        // the journal is written as answers go out: wait for the second token before counting
        utility.started().journal().awaitRequest(entry -> tokenRequests().size() >= 2, JOURNAL_WAIT);
        assertThat(tokenRequests()).as("tokens issued").hasSize(2).allMatch(entry -> entry.status() == 200);
        assertThat(utility.started().journal().requests()).filteredOn(entry -> entry.status() == 401)
                .as("requests refused for an expired token").hasSize(1);
    }

    private JournalEntry awaitTokenRequest(int status) throws InterruptedException {
        return utility.started().journal()
                .awaitRequest(entry -> entry.path().endsWith(TOKEN_PATH) && entry.status() == status, JOURNAL_WAIT)
                .orElseThrow(() -> new AssertionError("no token request answered " + status + " in PG&E's journal"));
    }

    private List<JournalEntry> tokenRequests() {
        return utility.started().journal().requests().stream()
                .filter(entry -> entry.path().endsWith(TOKEN_PATH))
                .toList();
    }
}
