package dev.metertap.pgemock.espi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;

/**
 * Each Self-Access resource on its own, at PG&amp;E's paths under the resource base: the entries and collections a
 * feed's links name (UsagePoint, MeterReading, IntervalBlock, ReadingType, LocalTimeParameters, UsageSummary), the
 * {@code Batch/Subscription} feeds that are a feed's own self link, and the Authorization and ApplicationInformation
 * entries. A path that names nothing of the model is not found.
 */
public final class ResourceTree {

    private static final String ID = "([^/]+)";
    private static final Pattern USAGE_POINTS = Pattern.compile("Subscription/" + ID + "/UsagePoint");
    private static final Pattern USAGE_POINT = Pattern.compile("Subscription/" + ID + "/UsagePoint/" + ID);
    private static final Pattern METER_READINGS = Pattern.compile(USAGE_POINT.pattern() + "/MeterReading");
    private static final Pattern METER_READING = Pattern.compile(METER_READINGS.pattern() + "/" + ID);
    private static final Pattern INTERVAL_BLOCKS = Pattern.compile(METER_READING.pattern() + "/IntervalBlock");
    private static final Pattern INTERVAL_BLOCK = Pattern.compile(INTERVAL_BLOCKS.pattern() + "/(\\d{1,12})");
    private static final Pattern USAGE_SUMMARIES = Pattern.compile(USAGE_POINT.pattern() + "/UsageSummary");
    private static final Pattern USAGE_SUMMARY = Pattern.compile(USAGE_SUMMARIES.pattern() + "/" + ID);
    private static final Pattern READING_TYPE = Pattern.compile("ReadingType/" + ID);
    private static final Pattern LOCAL_TIME_PARAMETERS = Pattern.compile("LocalTimeParameters/" + ID);
    private static final Pattern BATCH_SUBSCRIPTION = Pattern.compile("Batch/Subscription/" + ID);
    private static final Pattern BATCH_USAGE_POINT = Pattern.compile("Batch/Subscription/" + ID + "/UsagePoint/" + ID);
    private static final Pattern AUTHORIZATION = Pattern.compile("Authorization/" + ID);
    private static final Pattern APPLICATION_INFORMATION = Pattern.compile("ApplicationInformation/" + ID);
    /** PG&amp;E's billing period in the UsageSummary: the last 30 days with data (inferred). */
    private static final Duration BILLING_PERIOD = Duration.ofDays(30);

    /** An answer's body, opened as the server sends it. */
    public interface Body extends Supplier<InputStream> {
    }

    private final EspiLinks links;
    private final Clock clock;
    private final String bulkId;
    private final String applicationId;
    private final String clientId;

    /**
     * @param clock         publishes the answers (use a fixed one per request, so every read gives the same bytes)
     * @param applicationId the ApplicationInformation id (PG&amp;E's is a number)
     * @param clientId      the client id the ApplicationInformation names (never the secret)
     */
    public ResourceTree(EspiLinks links, Clock clock, String bulkId, String applicationId, String clientId) {
        this.links = links;
        this.clock = clock;
        this.bulkId = bulkId;
        this.applicationId = applicationId;
        this.clientId = clientId;
    }

    /**
     * The answer to {@code path} (relative to the resource base, no leading slash), or empty when it names nothing.
     * Windowed collections (IntervalBlock, Batch/Subscription) use {@code min}/{@code max} when given, else the
     * last day with data.
     */
    public Optional<Body> answer(UsageModel model, String path, Optional<Instant> min, Optional<Instant> max) {
        FeedWriter feeds = new FeedWriter(links, clock);
        String subscription = links.subscriptionId();
        Matcher m;
        if ((m = BATCH_USAGE_POINT.matcher(path)).matches() && m.group(1).equals(subscription) && has(model, m.group(2))) {
            Window window = window(model, min, max);
            List<String> ids = List.of(m.group(2));
            return Optional.of(() -> feeds.openFeed(model, ids, window.from(), window.to()));
        }
        if ((m = BATCH_SUBSCRIPTION.matcher(path)).matches() && m.group(1).equals(subscription)) {
            Window window = window(model, min, max);
            List<String> ids = model.usagePoints().stream().map(UsagePointSpec::id).toList();
            return Optional.of(() -> feeds.openFeed(model, ids, window.from(), window.to()));
        }
        if ((m = USAGE_POINTS.matcher(path)).matches() && m.group(1).equals(subscription)) {
            return written(out -> feeds.feedDocument(out, "Usage Points", links.usagePointCollection(), (atom, now) -> {
                for (UsagePointSpec point : model.usagePoints()) {
                    feeds.usagePointEntry(atom, point, now);
                }
            }));
        }
        if (!matchesSubscription(path, subscription)) {
            return simpleResources(model, feeds, path);
        }
        if ((m = USAGE_POINT.matcher(path)).matches() && has(model, m.group(2))) {
            UsagePointSpec point = model.usagePoint(m.group(2));
            return written(out -> feeds.entryDocument(out, (atom, now) -> feeds.usagePointEntry(atom, point, now)));
        }
        if ((m = METER_READINGS.matcher(path)).matches() && has(model, m.group(2))) {
            String id = m.group(2);
            return written(out -> feeds.feedDocument(out, "Meter Readings", links.meterReadingCollection(id), (atom, now) -> {
                for (Flow flow : model.usagePoint(id).flows()) {
                    feeds.meterReading(atom, id, model.readingType(id, flow), flow, now);
                }
            }));
        }
        if ((m = METER_READING.matcher(path)).matches() && flow(model, m.group(2), m.group(3)).isPresent()) {
            String id = m.group(2);
            Flow flow = flow(model, id, m.group(3)).orElseThrow();
            return written(out -> feeds.entryDocument(out, (atom, now) ->
                    feeds.meterReading(atom, id, model.readingType(id, flow), flow, now)));
        }
        if ((m = INTERVAL_BLOCKS.matcher(path)).matches() && flow(model, m.group(2), m.group(3)).isPresent()) {
            String id = m.group(2);
            Flow flow = flow(model, id, m.group(3)).orElseThrow();
            Window window = window(model, min, max);
            List<LocalDate> days = model.coveredDays(window.from(), window.to()).toList();
            return written(out -> feeds.feedDocument(out, "Interval Blocks", links.intervalBlockCollection(id, flow), (atom, now) -> {
                for (LocalDate day : days) {
                    feeds.intervalBlock(atom, model.day(id, day), flow, model.readingType(id, flow), now);
                }
            }));
        }
        if ((m = INTERVAL_BLOCK.matcher(path)).matches() && flow(model, m.group(2), m.group(3)).isPresent()) {
            String id = m.group(2);
            Flow flow = flow(model, id, m.group(3)).orElseThrow();
            Optional<DayReadings> day = blockStartingAt(model, id, Long.parseLong(m.group(4)));
            return day.flatMap(readings -> written(out -> feeds.entryDocument(out, (atom, now) ->
                    feeds.intervalBlock(atom, readings, flow, model.readingType(id, flow), now))));
        }
        if ((m = USAGE_SUMMARIES.matcher(path)).matches() && has(model, m.group(2))) {
            String id = m.group(2);
            return written(out -> feeds.feedDocument(out, "Usage Summaries", links.usageSummaryCollection(id),
                    (atom, now) -> usageSummary(atom, model, id, now)));
        }
        if ((m = USAGE_SUMMARY.matcher(path)).matches() && has(model, m.group(2)) && m.group(3).equals(USAGE_SUMMARY_ID)) {
            String id = m.group(2);
            return written(out -> feeds.entryDocument(out, (atom, now) -> usageSummary(atom, model, id, now)));
        }
        return Optional.empty();
    }

    /** The resources outside a subscription: ReadingType, LocalTimeParameters, Authorization, ApplicationInformation. */
    private Optional<Body> simpleResources(UsageModel model, FeedWriter feeds, String path) {
        Matcher m;
        if ((m = READING_TYPE.matcher(path)).matches()) {
            String wanted = m.group(1);
            Optional<ReadingType> type = model.usagePoints().stream()
                    .flatMap(point -> point.flows().stream().map(flow -> model.readingType(point.id(), flow)))
                    .filter(candidate -> candidate.id().equals(wanted)).findFirst();
            return type.flatMap(found -> written(out -> feeds.entryDocument(out, (atom, now) -> feeds.readingType(atom, found, now))));
        }
        if ((m = LOCAL_TIME_PARAMETERS.matcher(path)).matches() && links.localTimeParameters().endsWith("/" + m.group(1))) {
            return written(out -> feeds.entryDocument(out, (atom, now) -> feeds.localTimeParameters(atom, model, now)));
        }
        if ((m = AUTHORIZATION.matcher(path)).matches() && m.group(1).equals(bulkId)) {
            return written(out -> AuthorizationFeedWriter.writeEntry(links, bulkId, model.usagePoints(), clock, out));
        }
        if ((m = APPLICATION_INFORMATION.matcher(path)).matches() && m.group(1).equals(applicationId)) {
            return written(out -> ApplicationInformationWriter.write(links, applicationId, clientId, bulkId, clock, out));
        }
        return Optional.empty();
    }

    /** PG&amp;E's UsageSummary id for the latest billing period (one per usage point here). */
    static final String USAGE_SUMMARY_ID = "1";

    private void usageSummary(AtomWriter atom, UsageModel model, String id, Instant now) throws XMLStreamException {
        UsagePointSpec point = model.usagePoint(id);
        Window period = lastBillingPeriod(model);
        BigDecimal energy = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        for (TrueInterval interval : (Iterable<TrueInterval>) model.trueIntervals(id, period.from(), period.to())::iterator) {
            if (interval.flow() == Flow.DELIVERED) {
                energy = energy.add(interval.value());
            }
            if (interval.cost() != null) {
                cost = cost.add(interval.cost());
            }
        }
        ReadingType type = model.readingType(id, Flow.DELIVERED);
        String self = links.usageSummaryCollection(id) + "/" + USAGE_SUMMARY_ID;
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", links.usageSummaryCollection(id));
        atom.link("self", self);
        atom.startContent("Usage Summary", now, "UsageSummary");
        atom.startEspi("billingPeriod");
        atom.espi("duration", Duration.between(period.from(), period.to()).toSeconds());
        atom.espi("start", period.from().getEpochSecond());
        atom.end();
        String costUnits = cost.setScale(5, java.math.RoundingMode.HALF_EVEN).unscaledValue().toString();
        atom.espi("billLastPeriod", costUnits);
        atom.espi("billToDate", costUnits);
        atom.espi("costAdditionalLastPeriod", 0);
        atom.espi("currency", ReadingType.CURRENCY_USD);
        atom.startEspi("overallConsumptionLastPeriod");
        atom.espi("powerOfTenMultiplier", type.powerOfTenMultiplier());
        atom.espi("uom", type.uom());
        atom.espi("value", energy.setScale(type.unitScale(), java.math.RoundingMode.HALF_EVEN).unscaledValue().toString());
        atom.end();
        atom.espi("statusTimeStamp", now.getEpochSecond());
        atom.espi("commodity", point.commodity().readingTypeCode());
        atom.endEntry();
    }

    private Window lastBillingPeriod(UsageModel model) {
        Window lastDay = window(model, Optional.empty(), Optional.empty());
        return new Window(lastDay.to().minus(BILLING_PERIOD), lastDay.to());
    }

    private static boolean matchesSubscription(String path, String subscription) {
        return path.startsWith("Subscription/" + subscription + "/");
    }

    private static boolean has(UsageModel model, String usagePointId) {
        return model.usagePoints().stream().anyMatch(point -> point.id().equals(usagePointId));
    }

    private static Optional<Flow> flow(UsageModel model, String usagePointId, String meterReadingId) {
        if (!has(model, usagePointId)) {
            return Optional.empty();
        }
        return model.usagePoint(usagePointId).flows().stream()
                .filter(flow -> EspiLinks.meterReadingId(usagePointId, flow).equals(meterReadingId)).findFirst();
    }

    private static Optional<DayReadings> blockStartingAt(UsageModel model, String id, long blockStart) {
        Instant start = Instant.ofEpochSecond(blockStart);
        return model.coveredDays(start, start.plusSeconds(1))
                .map(day -> model.day(id, day)).filter(day -> day.day().blockStart() == blockStart).findFirst();
    }

    /** The asked window, or the last day with data (never later than yesterday by the clock). */
    private Window window(UsageModel model, Optional<Instant> min, Optional<Instant> max) {
        if (min.isPresent() && max.isPresent() && !max.get().isBefore(min.get())) {
            return new Window(min.get(), max.get());
        }
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), model.zone()).minusDays(1);
        LocalDate last = model.lastAvailableDay().isBefore(yesterday) ? model.lastAvailableDay() : yesterday;
        return new Window(last.atStartOfDay(model.zone()).toInstant(), last.plusDays(1).atStartOfDay(model.zone()).toInstant());
    }

    private record Window(Instant from, Instant to) {
    }

    private interface Writing {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    /** A small answer, written at once (entries and short collections). */
    private static Optional<Body> written(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        return Optional.of(() -> new java.io.ByteArrayInputStream(bytes));
    }
}
