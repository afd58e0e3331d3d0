package dev.metertap.features;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.Backfill;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.LoggedProgress;
import dev.metertap.collector.pge.backfill.ForbiddenHost;
import dev.metertap.collector.pge.backfill.TruthComparison;
import dev.metertap.collector.run.PgeConnection;
import dev.metertap.collector.pge.notify.RefusedNotification;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.NotificationFault;
import dev.metertap.pgemock.journal.JournalEntry;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Backfilling PG&E's history through bulk requests and their notifications. */
public final class BackfillSteps {

    static final String SOLAR_HOUSE = "5550000101";
    static final String GAS_METER = "5550000102";
    static final UsageModel HOME = new UsageModel(20251123L, List.of(
            UsagePointSpec.solar(SOLAR_HOUSE, 900), UsagePointSpec.gas(GAS_METER)));
    /** A lost notification is noticed after this long; PG&E itself may take minutes, the mock none. */
    private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final ScenarioUtility utility;
    private final ScenarioCollector collector;
    private final Map<Integer, NotificationFault> faultByRequest = new HashMap<>();
    private ForbiddenHost forbiddenHost;
    private TimeWindow backfilled;
    private BackfillSummary summary;

    public BackfillSteps(ScenarioUtility utility, ScenarioCollector collector) {
        this.utility = utility;
        this.collector = collector;
    }

    @Given("PG&E holds 15-minute electricity readings with solar export and daily gas readings for my home")
    public void pgeHoldsMyHomesReadings() {
        utility.mocked().model(HOME);
    }

    @Given("PG&E loses the notification of bulk request {int}")
    public void pgeLosesTheNotification(int request) {
        faultByRequest.put(request, NotificationFault.NEVER);
    }

    @Given("PG&E sends the notification of bulk request {int} twice")
    public void pgeSendsTheNotificationTwice(int request) {
        faultByRequest.put(request, NotificationFault.TWICE);
    }

    @Given("PG&E's notification of bulk request {int} is forged, pointing at another host")
    public void theNotificationIsForged(int request) {
        faultByRequest.put(request, NotificationFault.FORGED);
    }

    @When("the collector backfills {word} {int} in {int}-day windows")
    public void theCollectorBackfills(String month, int year, int windowDays) throws Exception {
        LocalDate first = LocalDate.of(year, Month.valueOf(month.toUpperCase(Locale.ROOT)), 1);
        backfill(new TimeWindow(first.atStartOfDay(UsageModel.PACIFIC).toInstant(),
                first.plusMonths(1).atStartOfDay(UsageModel.PACIFIC).toInstant()), Duration.ofDays(windowDays));
    }

    @When("the next day the collector backfills PG&E's data for {word}")
    public void theNextDayTheCollectorBackfills(String day) throws Exception {
        LocalDate date = LocalDate.parse(day);
        backfill(new TimeWindow(date.atStartOfDay(UsageModel.PACIFIC).toInstant(),
                date.plusDays(1).atStartOfDay(UsageModel.PACIFIC).toInstant()), Backfill.MIN_WINDOW);
    }

    private void backfill(TimeWindow range, Duration windowSize) throws Exception {
        backfilled = range;
        PgeMock pge = utility.started();
        if (faultByRequest.containsValue(NotificationFault.FORGED)) {
            forbiddenHost = new ForbiddenHost();
            pge.faults().forgedOrigin(forbiddenHost.origin());
        }
        PgeConnection connection = collector.pge();
        BackfillSettings defaults = new BackfillSettings(windowSize, NOTIFICATION_WAIT, 3);
        // a fault scripted per bulk request is set as the one before is accepted: one request at a time, or the
        // collector (unpaced here) would have asked for the next windows before the script set their faults
        BackfillSettings settings = faultByRequest.isEmpty() ? defaults : defaults.withRequestsInFlight(1);
        int lastScripted = faultByRequest.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        pge.faults().notification(faultByRequest.getOrDefault(1, NotificationFault.NONE));
        CompletableFuture<BackfillSummary> run = CompletableFuture.supplyAsync(
                () -> connection.backfill(range, settings, new LoggedProgress()));
        // the mock decides a request's notification when it accepts it: set the next one as each is accepted
        for (int request = 1; request <= lastScripted; request++) {
            awaitAcceptedBulkRequests(request);
            pge.faults().notification(faultByRequest.getOrDefault(request + 1, NotificationFault.NONE));
        }
        summary = run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(summary.succeeded()).as("%s", summary).isTrue();
    }

    @Then("the store holds every interval PG&E has for that period, once, with its exact value")
    public void theStoreHoldsEveryInterval() {
        for (String usagePoint : List.of(SOLAR_HOUSE, GAS_METER)) {
            assertThat(TruthComparison.compare(collector.store(), HOME, usagePoint, backfilled).mismatches())
                    .as("usage point %s", usagePoint).isEmpty();
        }
    }

    @Then("every notified resource was fetched once")
    public void everyNotifiedResourceWasFetchedOnce() {
        List<List<String>> notified = utility.started().journal().notifications().stream().map(n -> n.resources()).toList();
        assertThat(notified).as("a notification was sent twice").hasSizeGreaterThan(Set.copyOf(notified).size());
        List<String> fetched = utility.started().journal().requests().stream()
                .filter(entry -> entry.query() != null && entry.query().startsWith("correlationID=") && entry.status() == 200)
                .map(JournalEntry::query)
                .toList();
        assertThat(fetched).isNotEmpty().doesNotHaveDuplicates();
    }

    @Then("the collector asked again for the window whose notification never came")
    public void theCollectorAskedAgain() {
        assertThat(summary.reRequests()).isPositive();
    }

    @Then("the forged notification was refused and the other host never contacted")
    public void theForgedNotificationWasRefused() {
        assertThat(collector.pge().refusedNotifications()).extracting(RefusedNotification::reason)
                .contains(RefusedNotification.FOREIGN_URL);
        assertThat(forbiddenHost.connections()).as("connections to the forged host").isZero();
    }

    private List<JournalEntry> acceptedBulkRequests() {
        return utility.started().journal().requests().stream()
                .filter(e -> e.path().contains("/Batch/Bulk/") && e.query() != null && e.query().contains("published-min")
                        && e.status() == 202)
                .toList();
    }

    private void awaitAcceptedBulkRequests(int count) throws InterruptedException {
        assertThat(utility.started().journal().awaitRequest(entry -> acceptedBulkRequests().size() >= count, DEADLINE))
                .as("accepted bulk request #%d", count).isPresent();
    }

    @After
    public void closeForbiddenHost() throws IOException {
        if (forbiddenHost != null) {
            forbiddenHost.close();
        }
    }
}
