package dev.metertap.pgemock;

import dev.metertap.pgemock.bulk.BulkDeliveries;
import dev.metertap.pgemock.bulk.BulkDelivery;
import dev.metertap.pgemock.bulk.Notifier;
import dev.metertap.pgemock.bulk.PublishedWindow;
import dev.metertap.pgemock.espi.AuthorizationFeedWriter;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.FeedWriter;
import dev.metertap.pgemock.espi.SampleData;
import dev.metertap.pgemock.espi.ServiceStatusWriter;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.FaultPlan;
import dev.metertap.pgemock.fault.NotificationFault;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESPI resources under {@code /GreenButtonConnect/espi/1_1/resource/}: ReadServiceStatus,
 * DownloadSampleData, Authorization and {@code Batch/Bulk/{id}} (request → 202/204 and a
 * notification later; fetch by correlationID → 200 feed, streamed).
 */
final class ResourceEndpoints {

    static final String PREFIX = "/GreenButtonConnect/espi/1_1/resource/";
    private static final String ATOM = "application/atom+xml";
    private static final Logger log = LoggerFactory.getLogger(ResourceEndpoints.class);

    private final Supplier<UsageModel> models;
    private final String bulkId;
    private final Supplier<EspiLinks> links;
    private final Clock clock;
    private final FaultPlan faults;
    private final BulkDeliveries deliveries;
    private final Notifier notifier;
    private final Duration notificationDelay;

    ResourceEndpoints(Supplier<UsageModel> models, String bulkId, Supplier<EspiLinks> links, Clock clock, FaultPlan faults,
            BulkDeliveries deliveries, Notifier notifier, Duration notificationDelay) {
        this.models = models;
        this.bulkId = bulkId;
        this.links = links;
        this.clock = clock;
        this.faults = faults;
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.notificationDelay = notificationDelay;
    }

    /** Whether the path names one of the resources (anything else is answered by WireMock: 404). */
    static boolean handles(String path) {
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String resource = path.substring(PREFIX.length());
        return resource.equals("ReadServiceStatus") || resource.equals("DownloadSampleData")
                || resource.equals("Authorization") || resource.matches("Batch/Bulk/[^/]+");
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (!"GET".equals(request.getMethod())) {
            PlainAnswers.text(response, 405, request.getMethod() + " not permitted");
            return;
        }
        String resource = path.substring(PREFIX.length());
        switch (resource) {
            case "ReadServiceStatus" -> {
                response.setStatus(200);
                response.setContentType("application/xml");
                ServiceStatusWriter.write(faults.serviceStatus(), response.getOutputStream());
            }
            case "DownloadSampleData" -> {
                response.setStatus(200);
                response.setContentType(ATOM);
                SampleData.write(response.getOutputStream());
            }
            case "Authorization" -> {
                response.setStatus(200);
                response.setContentType(ATOM);
                AuthorizationFeedWriter.write(links.get(), bulkId, models.get().usagePoints(), clock, response.getOutputStream());
            }
            default -> bulk(request, response, resource.substring("Batch/Bulk/".length()), path);
        }
    }

    private void bulk(HttpServletRequest request, HttpServletResponse response, String requestedBulkId, String path)
            throws IOException {
        if (!bulkId.equals(requestedBulkId)) {
            PlainAnswers.noListener(response, path);
            return;
        }
        String correlationId = request.getParameter("correlationID");
        if (correlationId != null) {
            fetch(response, correlationId, path);
            return;
        }
        PublishedWindow window;
        try {
            window = PublishedWindow.parse(request.getParameter("published-min"), request.getParameter("published-max"));
        } catch (IllegalArgumentException e) {
            PlainAnswers.text(response, 400, e.getMessage());
            return;
        }
        // before the data check: a window too large is refused whatever it holds, and nothing is delivered
        Optional<FaultPlan.ForcedAnswer> refused = faults.refuseBulkWindow(Duration.between(window.min(), window.max()));
        if (refused.isPresent()) {
            log.info("fault: bulk window {} to {} is longer than the largest allowed", window.min(), window.max());
            PlainAnswers.text(response, refused.get().status(), refused.get().body());
            return;
        }
        UsageModel model = models.get();
        List<String> ids = model.usagePoints().stream().map(UsagePointSpec::id).toList();
        if (!new FeedWriter(links.get(), clock).hasData(model, ids, window.min(), window.max())) {
            response.setStatus(204);
            return;
        }
        List<BulkDelivery> accepted = deliveries.accept(ids, window.min(), window.max());
        notify(accepted);
        response.setStatus(202);
        response.setContentLength(0);
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

    private void fetch(HttpServletResponse response, String correlationId, String path) throws IOException {
        if (BulkDeliveries.PLACEHOLDER_CORRELATION_ID.equals(correlationId) || faults.emptyFeeds()) {
            response.setStatus(200);
            response.setContentType(ATOM);
            FeedWriter.writeBareEmptyFeed(response.getOutputStream());
            return;
        }
        var delivery = deliveries.find(correlationId);
        if (delivery.isEmpty()) {
            PlainAnswers.noListener(response, path);
            return;
        }
        BulkDelivery found = delivery.get();
        response.setStatus(200);
        response.setContentType(ATOM);
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16);
        // the model current at fetch time: corrections made since the request are re-published
        new FeedWriter(links.get(), clock).writeFeed(models.get(), List.of(found.usagePointId()), found.from(), found.to(), out);
        out.flush();
    }
}
