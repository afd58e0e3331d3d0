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
 * Fills the store with a range of Share My Data history: splits the range into large windows, asks for several at
 * once (their waits for PG&E's notifications overlap, within the client's pace of 1 request/s), fetches and stores
 * the notified resources as they are announced, asks again for a window when no answer comes in time, and
 * checkpoints each window once its data is stored, so a rerun asks only for the rest. An audit instead asks again
 * for exactly the spans the store lacks. PG&E documents no largest window: one it refuses as too large is asked for
 * in halves, and for the rest of the run no window as long is asked for (each refusal costs a request of PG&E's
 * quota).
 *
 * <p>Notifications are hints: every resource they announce is fetched (its data is stored whatever request it
 * answers; the store's upsert keeps that idempotent), and {@link AwaitedWindows} decides from the data which
 * awaited window, if any, it answers.
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

    /** A window to ask for, and which request for it that is. */
    private record Ask(TimeWindow window, int attempt) {
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
        private final AwaitedWindows awaited;
        /** {@link System#nanoTime()} when the last fetch ended: waits for notifications restart then. */
        private long lastFetchEnded = System.nanoTime();

        Pass(BulkSubscription subscription, TimeWindow range, boolean audit, int alreadyDone, Checkpoints checkpoints) {
            this.subscription = subscription;
            this.range = range;
            this.audit = audit;
            this.alreadyDone = alreadyDone;
            this.checkpoints = checkpoints;
            this.awaited = new AwaitedWindows(subscription.usagePoints());
        }

        BackfillSummary run(List<TimeWindow> plan) {
            Deque<Ask> queue = new ArrayDeque<>();
            plan.forEach(window -> queue.addLast(new Ask(window, 1)));
            progress.planned(plan.size());
            try {
                while (!queue.isEmpty() || !awaited.isEmpty()) {
                    // what is announced first: it may finish a window, and PG&E keeps a delivery for 5 days only
                    URI announced = inbox.poll(Duration.ZERO);
                    if (announced != null) {
                        fetchAndCredit(announced);
                    } else if (!queue.isEmpty() && awaited.size() < settings.requestsInFlight()) {
                        ask(queue);
                    } else {
                        URI resource = inbox.poll(untilFirstDeadline());
                        if (resource != null) {
                            fetchAndCredit(resource);
                        } else {
                            timeOut(queue);
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

        /**
         * Asks for the next window of the queue (its halves go first in the queue when PG&E refuses it as too large);
         * an accepted one is awaited while the next ones are asked for, within the client's pace of PG&E's 1 request/s.
         */
        private void ask(Deque<Ask> queue) {
            Ask next = queue.removeFirst();
            TimeWindow window = next.window();
            if (knownTooLarge(window)) {
                queueFirst(queue, halves(window));
                return;
            }
            progress.requesting(window, next.attempt());
            BulkAnswer answer = ask(window);
            requests++;
            if (next.attempt() > 1) {
                reRequests++;
            }
            switch (answer) {
                case TOO_LARGE -> {
                    log.info("backfill: PG&E refused {} as too large; asking for it in halves, and for no window as long again",
                            window);
                    refusedLength = window.length();
                    queueFirst(queue, halves(window));
                }
                case NO_DATA -> {
                    noData++;
                    finish(window, WindowOutcome.NO_DATA);
                }
                case ACCEPTED -> awaited.add(window, next.attempt(), System.nanoTime());
            }
        }

        private void queueFirst(Deque<Ask> queue, Optional<List<TimeWindow>> halves) {
            if (halves.isPresent()) {
                splits++;
                progress.planned(halves.get().size() - 1);
                for (int i = halves.get().size() - 1; i >= 0; i--) {
                    queue.addFirst(new Ask(halves.get().get(i), 1));
                }
            }
        }

        /**
         * How long until the first awaited window has waited the notification timeout with nothing announced. Each
         * window's wait starts when it is asked for and again after each fetch: a long fetch is no reason to ask again.
         */
        private Duration untilFirstDeadline() {
            long since = Math.max(awaited.firstAskedAt(), lastFetchEnded);
            long left = since + settings.notificationTimeout().toNanos() - System.nanoTime();
            return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }

        /** Every window that has waited out the notification timeout is asked for again (first) or given up. */
        private void timeOut(Deque<Ask> queue) {
            long now = System.nanoTime();
            List<AwaitedWindows.Awaited> expired = awaited.all().stream()
                    .filter(a -> now - Math.max(a.askedAt(), lastFetchEnded) >= settings.notificationTimeout().toNanos())
                    .toList();
            for (int i = expired.size() - 1; i >= 0; i--) {
                AwaitedWindows.Awaited window = expired.get(i);
                awaited.remove(window);
                boolean again = window.attempt() < settings.attempts();
                log.warn("backfill: no complete answer for {} within {}; {}", window.window(), settings.notificationTimeout(),
                        again ? "asking again" : "giving up on it for this run");
                if (again) {
                    queue.addFirst(new Ask(window.window(), window.attempt() + 1));
                } else {
                    incomplete.add(window.window());
                    progress.ended(window.window(), WindowOutcome.INCOMPLETE, writer.received());
                }
            }
        }

        /** Fetches and stores a resource, then finishes each window it completes: checkpointed once its data is stored. */
        private void fetchAndCredit(URI resource) {
            Optional<ResourceTally> tally = fetch(resource);
            lastFetchEnded = System.nanoTime();
            if (tally.isEmpty()) {
                return;
            }
            for (AwaitedWindows.Awaited window : awaited.credit(tally.get())) {
                progress.resourceStored(window.window(), window.coverage().answered(), window.coverage().expected(),
                        writer.received());
                if (window.coverage().complete()) {
                    awaited.remove(window);
                    finish(window.window(), WindowOutcome.STORED);
                }
            }
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
