package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.BulkAnswer;
import dev.metertap.collector.pge.client.ShareMyDataException;
import dev.metertap.collector.pge.espi.Authorization;
import dev.metertap.collector.pge.espi.EspiException;
import dev.metertap.collector.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fills the store with a range of Share My Data history: splits the range into large windows, asks for each,
 * waits for the notified resources, fetches and stores them, asks again when no answer comes in time, and
 * checkpoints each finished window so a rerun asks only for the rest. An audit instead asks again for exactly the
 * spans the store lacks. PG&E documents no largest window: one it refuses as too large is asked for in halves, and
 * for the rest of the run no window as long is asked for (each refusal costs a request of PG&E's quota).
 *
 * <p>Notifications are hints: every resource they announce is fetched (its data is stored whatever request it
 * answers; the store's upsert keeps that idempotent), and {@link WindowCoverage} decides from the data whether
 * the window being waited for is answered.
 */
public final class Backfill {

    /** The smallest window asked for: shorter ones could not be told apart from a late answer to the previous one. */
    public static final Duration MIN_WINDOW = Duration.ofDays(2);
    /** Recent days PG&E may not have published yet: not checkpointed, so a later run asks for them again. */
    static final Duration UNSETTLED = Duration.ofDays(3);
    /** Gaps closer than this are asked for in one window (one request and one wait instead of several). */
    static final Duration AUDIT_BRIDGE = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(Backfill.class);

    private final BulkService service;
    private final ResourceInbox inbox;
    private final Store store;
    private final BackfillSettings settings;
    private final BackfillProgress progress;
    private final Clock clock;

    public Backfill(BulkService service, ResourceInbox inbox, Store store, BackfillSettings settings,
                    BackfillProgress progress, Clock clock) {
        this.service = service;
        this.inbox = inbox;
        this.store = store;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * The configured Bulk ID and usage points, or what the Authorization resource names for those not configured.
     */
    public BulkSubscription subscription(Optional<String> bulkId, List<String> usagePoints) {
        if (bulkId.isPresent() && !usagePoints.isEmpty()) {
            return new BulkSubscription(bulkId.get(), usagePoints);
        }
        List<Authorization> authorizations;
        try {
            authorizations = service.authorizations();
        } catch (ShareMyDataException e) {
            throw new BackfillException("cannot read the Authorization resource to find the Bulk ID and usage points: "
                    + e.getMessage(), e);
        }
        String bulk = bulkId.orElseGet(() -> authorizations.stream().map(Authorization::bulkId).findFirst()
                .orElseThrow(() -> new BackfillException("PG&E lists no authorization: authorize your service agreements "
                        + "for self-access on the Share My Data portal, or set pge.bulk-id")));
        Set<String> points = new LinkedHashSet<>(usagePoints);
        if (points.isEmpty()) {
            authorizations.stream().filter(a -> a.bulkId().equals(bulk)).forEach(a -> points.addAll(a.usagePointIds()));
        }
        if (points.isEmpty()) {
            throw new BackfillException("the authorization for Bulk ID " + bulk + " names no usage points: check on the Share My"
                    + " Data portal that your electric and gas service agreements are authorized for self-access");
        }
        log.info("backfill: Bulk ID {}, usage points {}", bulk, points);
        return new BulkSubscription(bulk, List.copyOf(points));
    }

    /** Asks for every window of {@code range} not finished by an earlier run. */
    public BackfillSummary run(BulkSubscription subscription, TimeWindow range) {
        try (Checkpoints checkpoints = Checkpoints.of(store)) {
            List<TimeWindow> done = checkpoints.finished(subscription.bulkId()).stream()
                    .filter(w -> w.from().isBefore(range.to()) && w.to().isAfter(range.from())).toList();
            List<TimeWindow> left = Windows.remaining(range, done).stream()
                    .map(w -> Windows.atLeast(w, MIN_WINDOW, range)).toList();
            List<TimeWindow> plan = Windows.split(Windows.merged(left, Duration.ZERO), settings.windowSize());
            if (!done.isEmpty()) {
                log.info("backfill: {} window(s) of {} finished by earlier runs; {} left to request", done.size(), range, plan.size());
            }
            return new Pass(subscription, range, false, done.size(), checkpoints).run(plan);
        }
    }

    /** Asks again for exactly the spans of {@code range} the store lacks, whatever the checkpoints say. */
    public BackfillSummary audit(BulkSubscription subscription, TimeWindow range) {
        GapReport before = new GapFinder(store).find(subscription.usagePoints(), range);
        List<TimeWindow> grown = Windows.merged(before.windows(), AUDIT_BRIDGE).stream()
                .map(w -> Windows.atLeast(w, MIN_WINDOW, range)).toList();
        List<TimeWindow> plan = Windows.split(Windows.merged(grown, Duration.ZERO), settings.windowSize());
        log.info("audit: {} missing interval(s) in {}; {} window(s) to request again", before.missingIntervals(), range, plan.size());
        try (Checkpoints checkpoints = Checkpoints.of(store)) {
            return new Pass(subscription, range, true, 0, checkpoints).run(plan);
        }
    }

    /** One run over a plan of windows, with its counters. */
    private final class Pass {
        private final BulkSubscription subscription;
        private final TimeWindow range;
        private final boolean audit;
        private final int alreadyDone;
        private final Checkpoints checkpoints;
        private final IntervalWriter writer = new IntervalWriter(store);
        private final List<TimeWindow> incomplete = new ArrayList<>();
        private final List<TimeWindow> refused = new ArrayList<>();
        private int requests;
        private int reRequests;
        private int noData;
        private int splits;
        private long fetched;
        private long failed;
        /** The shortest window PG&E refused as too large in this run: one as long is halved without asking. */
        private Duration refusedLength;

        Pass(BulkSubscription subscription, TimeWindow range, boolean audit, int alreadyDone, Checkpoints checkpoints) {
            this.subscription = subscription;
            this.range = range;
            this.audit = audit;
            this.alreadyDone = alreadyDone;
            this.checkpoints = checkpoints;
        }

        BackfillSummary run(List<TimeWindow> plan) {
            Deque<TimeWindow> queue = new ArrayDeque<>(plan);
            progress.planned(plan.size());
            try {
                while (!queue.isEmpty()) {
                    TimeWindow window = queue.removeFirst();
                    Optional<List<TimeWindow>> halves = knownTooLarge(window) ? halves(window) : request(window);
                    if (halves.isPresent()) {
                        splits++;
                        progress.planned(halves.get().size() - 1);
                        for (int i = halves.get().size() - 1; i >= 0; i--) {
                            queue.addFirst(halves.get().get(i));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackfillException("backfill interrupted; finished windows are kept, a rerun resumes", e);
            } finally {
                writer.flush();
                progress.done();
            }
            GapReport gaps = new GapFinder(store).find(subscription.usagePoints(), range);
            return new BackfillSummary(subscription, range, audit, alreadyDone, requests, reRequests, noData, splits, incomplete,
                    refused, fetched, failed, writer.received(), writer.changed(), gaps);
        }

        /** Asks for one window until answered; the halves to ask for instead when PG&E refuses it as too large. */
        private Optional<List<TimeWindow>> request(TimeWindow window) throws InterruptedException {
            for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
                progress.requesting(window, attempt);
                BulkAnswer answer = ask(window);
                requests++;
                if (attempt > 1) {
                    reRequests++;
                }
                switch (answer) {
                    case TOO_LARGE -> {
                        log.info("backfill: PG&E refused {} as too large; asking for it in halves, and for no window as long again",
                                window);
                        refusedLength = window.length();
                        return halves(window);
                    }
                    case NO_DATA -> {
                        noData++;
                        finish(window, WindowOutcome.NO_DATA);
                        return Optional.empty();
                    }
                    case ACCEPTED -> {
                        if (awaitAnswer(window)) {
                            finish(window, WindowOutcome.STORED);
                            return Optional.empty();
                        }
                        log.warn("backfill: no complete answer for {} within {}; {}", window, settings.notificationTimeout(),
                                attempt < settings.attempts() ? "asking again" : "giving up on it for this run");
                    }
                }
            }
            incomplete.add(window);
            progress.ended(window, WindowOutcome.INCOMPLETE, writer.received());
            return Optional.empty();
        }

        private BulkAnswer ask(TimeWindow window) {
            try {
                return service.requestBulk(subscription.bulkId(), window);
            } catch (ShareMyDataException e) {
                throw new BackfillException("the bulk request for " + window + " failed: " + e.getMessage()
                        + " (finished windows are kept; a rerun resumes)", e);
            }
        }

        private boolean knownTooLarge(TimeWindow window) {
            return refusedLength != null && window.length().compareTo(refusedLength) >= 0;
        }

        private Optional<List<TimeWindow>> halves(TimeWindow window) {
            Duration half = Duration.ofSeconds((window.length().toSeconds() + 1) / 2);
            if (half.compareTo(MIN_WINDOW) < 0) {
                log.error("backfill: PG&E refuses even the {}-hour window {} as too large", window.length().toHours(), window);
                refused.add(window);
                progress.ended(window, WindowOutcome.INCOMPLETE, writer.received());
                return Optional.empty();
            }
            return Optional.of(window.split(half));
        }

        /**
         * Fetches announced resources until the window is answered, or until the notification timeout passes with
         * nothing announced (the clock restarts after each fetch: a long fetch is no reason to ask again).
         */
        private boolean awaitAnswer(TimeWindow window) throws InterruptedException {
            WindowCoverage coverage = new WindowCoverage(window, subscription.usagePoints());
            while (!coverage.complete()) {
                URI resource = inbox.poll(settings.notificationTimeout());
                if (resource == null) {
                    return false;
                }
                fetch(resource).ifPresent(coverage::add);
            }
            return true;
        }

        private Optional<ResourceTally> fetch(URI resource) {
            ResourceTally tally = new ResourceTally(writer);
            try {
                // clipped to the whole range, not the window: a late answer to another window is data all the same
                service.fetch(resource, range, tally);
                fetched++;
                log.debug("backfill: {} readings from {}", tally.readings(), resource);
                return Optional.of(tally);
            } catch (ShareMyDataException | EspiException e) {
                if (e instanceof ShareMyDataException failure && failure.kind() == ShareMyDataException.Kind.RATE_LIMITED) {
                    // PG&E's hourly or daily quota: asking again in this run only meets the same refusal
                    throw new BackfillException("fetching " + resource.getPath() + " failed: " + e.getMessage()
                            + " (finished windows are kept; a rerun resumes)", e);
                }
                failed++;
                log.warn("backfill: fetching a notified resource failed ({}); its window is asked for again if need be",
                        e.getMessage());
                return Optional.empty();
            } finally {
                writer.flush();
            }
        }

        private void finish(TimeWindow window, WindowOutcome outcome) {
            Instant settled = clock.instant().minus(UNSETTLED);
            if (window.from().isBefore(settled)) {
                Instant end = window.to().isAfter(settled) ? settled : window.to();
                checkpoints.record(subscription.bulkId(), new TimeWindow(window.from(), end), outcome, clock.instant());
            }
            progress.ended(window, outcome, writer.received());
        }
    }
}
