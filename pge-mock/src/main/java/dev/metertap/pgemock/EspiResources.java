package dev.metertap.pgemock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.metertap.pgemock.bulk.BulkDeliveries;
import dev.metertap.pgemock.bulk.BulkDelivery;
import dev.metertap.pgemock.bulk.Notifier;
import dev.metertap.pgemock.bulk.PublishedWindow;
import dev.metertap.pgemock.espi.AuthorizationFeedWriter;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.FeedWriter;
import dev.metertap.pgemock.espi.ResourceTree;
import dev.metertap.pgemock.espi.SampleData;
import dev.metertap.pgemock.espi.ServiceStatusWriter;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.FaultPlan;
import dev.metertap.pgemock.fault.NotificationFault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PG&E's ESPI resources as a WireMock response transformer ({@value #NAME}): a built-in stub names the resource in
 * its transformer parameter {@value #RESOURCE} and this writes the answer from the usage model, the faults and the
 * bulk deliveries. Feeds are streamed: written as Jetty sends them.
 */
final class EspiResources implements ResponseTransformerV2 {

    static final String NAME = "pge-espi";
    /** The transformer parameter that names the resource. */
    static final String RESOURCE = "resource";
    private static final String ATOM = "application/atom+xml";
    private static final Logger log = LoggerFactory.getLogger(EspiResources.class);

    /** What the built-in stubs serve, by the value of {@value #RESOURCE}. */
    enum Resource { SERVICE_STATUS, SAMPLE_DATA, AUTHORIZATION, BULK, RESOURCE_TREE }

    /** The ApplicationInformation id of the mock's registration (inferred shape). */
    static final String APPLICATION_ID = "1";

    private final Supplier<UsageModel> models;
    private final String bulkId;
    private final Supplier<EspiLinks> links;
    private final Clock clock;
    private final FaultPlan faults;
    private final BulkDeliveries deliveries;
    private final Notifier notifier;
    private final Duration notificationDelay;
    private final String clientId;
    private final boolean subscriptionResources;

    /**
     * @param subscriptionResources serve {@code Subscription/…} and {@code Batch/Subscription/…} to the client-credentials
     *                              token; PG&amp;E keeps them for a customer token and refuses them (403) to it
     */
    EspiResources(Supplier<UsageModel> models, String bulkId, Supplier<EspiLinks> links, Clock clock, FaultPlan faults,
            BulkDeliveries deliveries, Notifier notifier, Duration notificationDelay, String clientId,
            boolean subscriptionResources) {
        this.clientId = clientId;
        this.subscriptionResources = subscriptionResources;
        this.models = models;
        this.bulkId = bulkId;
        this.links = links;
        this.clock = clock;
        this.faults = faults;
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.notificationDelay = notificationDelay;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = PgeGateway.path(request);
        if (!RequestMethod.GET.equals(request.getMethod())) {
            return answer(response, PlainAnswers.text(405, request.getMethod() + " not permitted"));
        }
        Resource resource = resource(serveEvent.getTransformerParameters());
        try {
            return switch (resource) {
                case SERVICE_STATUS -> xml(response, "application/xml", out -> ServiceStatusWriter.write(faults.serviceStatus(), out));
                case SAMPLE_DATA -> xml(response, ATOM, SampleData::write);
                case AUTHORIZATION -> xml(response, ATOM, out ->
                        AuthorizationFeedWriter.write(links.get(), bulkId, models.get().usagePoints(), clock, out));
                case BULK -> bulk(response, request, path);
                case RESOURCE_TREE -> tree(response, request, path);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static Resource resource(Parameters parameters) {
        Object named = parameters == null ? null : parameters.get(RESOURCE);
        try {
            return Resource.valueOf(String.valueOf(named));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + NAME + " transformer wants parameter " + RESOURCE
                    + " set to one of " + List.of(Resource.values()) + ", not " + named, e);
        }
    }

    private Response bulk(Response response, Request request, String path) {
        String requestedBulkId = path.substring(path.lastIndexOf('/') + 1);
        if (!bulkId.equals(requestedBulkId)) {
            return answer(response, PlainAnswers.noListener(path));
        }
        Optional<String> correlationId = query(request, "correlationID");
        if (correlationId.isPresent()) {
            return fetch(response, correlationId.get(), path);
        }
        PublishedWindow window;
        try {
            window = PublishedWindow.parse(query(request, "published-min").orElse(null), query(request, "published-max").orElse(null));
        } catch (IllegalArgumentException e) {
            return answer(response, PlainAnswers.text(400, e.getMessage()));
        }
        // before the data check: a window too large is refused whatever it holds, and nothing is delivered
        Optional<FaultPlan.ForcedAnswer> refused = faults.refuseBulkWindow(Duration.between(window.min(), window.max()));
        if (refused.isPresent()) {
            log.info("fault: bulk window {} to {} is longer than the largest allowed", window.min(), window.max());
            return answer(response, PlainAnswers.text(refused.get().status(), refused.get().body()));
        }
        UsageModel model = models.get();
        List<String> ids = model.usagePoints().stream().map(UsagePointSpec::id).toList();
        if (!new FeedWriter(links.get(), clock).hasData(model, ids, window.min(), window.max())) {
            return Response.Builder.like(response).but().status(204).headers(HttpHeaders.noHeaders()).body(new byte[0]).build();
        }
        notify(deliveries.accept(ids, window.min(), window.max()));
        return Response.Builder.like(response).but().status(202).headers(HttpHeaders.noHeaders()).body(new byte[0]).build();
    }

    private Response tree(Response response, Request request, String path) {
        String relative = path.substring(PgeGateway.RESOURCE_PREFIX.length());
        if (!subscriptionResources && (relative.startsWith("Subscription/") || relative.startsWith("Batch/Subscription/"))) {
            // PG&E: the synchronous resources are for a customer's token; Self-Access gets its data by bulk
            return answer(response, PlainAnswers.json(403,
                    "{\"error\":\"insufficient_scope\",\"error_description\":\"A customer access token is required\"}"));
        }
        Optional<Instant> min;
        Optional<Instant> max;
        try {
            min = query(request, "published-min").map(value -> PublishedWindow.instant("published-min", value));
            max = query(request, "published-max").map(value -> PublishedWindow.instant("published-max", value));
        } catch (IllegalArgumentException e) {
            return answer(response, PlainAnswers.text(400, e.getMessage()));
        }
        // one publication time per request: every read of the body gives the same bytes
        ResourceTree tree = new ResourceTree(links.get(), Clock.fixed(clock.instant(), ZoneOffset.UTC), bulkId,
                APPLICATION_ID, clientId);
        Optional<ResourceTree.Body> body = tree.answer(models.get(), relative, min, max);
        if (body.isEmpty()) {
            return answer(response, PlainAnswers.noListener(path));
        }
        return Response.Builder.like(response).but().status(200).headers(contentType(ATOM)).body(body.get()::get).build();
    }

    private static Optional<String> query(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? Optional.of(parameter.firstValue()) : Optional.empty();
    }

    private void notify(List<BulkDelivery> accepted) {
        if (notifier == null) {
            log.warn("bulk request accepted but no notification URI is configured: nothing will be sent");
            return;
        }
        NotificationFault fault = faults.notification();
        String base = links.get().bulk(bulkId);
        if (fault == NotificationFault.FORGED) {
            base = faults.forgedOrigin() + base.substring(base.indexOf('/', "https://".length()));
        }
        List<String> urls = new ArrayList<>();
        for (BulkDelivery delivery : accepted) {
            urls.add(base + "?correlationID=" + delivery.correlationId());
        }
        urls.add(base + "?correlationID=" + BulkDeliveries.PLACEHOLDER_CORRELATION_ID);
        switch (fault) {
            case NEVER -> log.info("fault: notification for {} deliveries never sent", accepted.size());
            case LATE -> notifier.schedule(urls, notificationDelay.plus(faults.lateBy()));
            case TWICE -> {
                notifier.schedule(urls, notificationDelay);
                notifier.schedule(urls, notificationDelay);
            }
            default -> notifier.schedule(urls, notificationDelay);
        }
    }

    private Response fetch(Response response, String correlationId, String path) {
        if (BulkDeliveries.PLACEHOLDER_CORRELATION_ID.equals(correlationId) || faults.emptyFeeds()) {
            try {
                return xml(response, ATOM, FeedWriter::writeBareEmptyFeed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Optional<BulkDelivery> delivery = deliveries.find(correlationId);
        if (delivery.isEmpty()) {
            return answer(response, PlainAnswers.noListener(path));
        }
        BulkDelivery found = delivery.get();
        // the model current at fetch time: corrections made since the request are re-published; one publication
        // time, so every read of the body (WireMock's journal reads its head) gives the same bytes
        UsageModel model = models.get();
        FeedWriter feed = new FeedWriter(links.get(), Clock.fixed(clock.instant(), ZoneOffset.UTC));
        List<String> ids = List.of(found.usagePointId());
        return Response.Builder.like(response).but().status(200).headers(contentType(ATOM))
                .body(() -> feed.openFeed(model, ids, found.from(), found.to())).build();
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static Response xml(Response response, String contentType, Writing writing) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        writing.to(body);
        return Response.Builder.like(response).but().status(200).headers(contentType(contentType)).body(body.toByteArray()).build();
    }

    private static HttpHeaders contentType(String contentType) {
        return new HttpHeaders(new HttpHeader("Content-Type", contentType));
    }

    /** A short answer instead of the resource (405, 404, 400, a fault's status). */
    private static Response answer(Response response, ResponseDefinition answer) {
        return Response.Builder.like(response).but().status(answer.getStatus()).headers(answer.getHeaders())
                .body(answer.getBody()).build();
    }
}
