package dev.metertap.pgemock.espi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The hrefs that relate a feed's resources. Clients must join through these alone (UsagePoint → MeterReading →
 * ReadingType and IntervalBlock), never through document order.
 *
 * @param resourceBase   e.g. {@code https://api.pge.com/GreenButtonConnect/espi/1_1/resource}
 * @param subscriptionId 7 digits, like PG&amp;E's
 */
public record EspiLinks(String resourceBase, String subscriptionId) {

    public static final String PGE_RESOURCE_BASE = "https://api.pge.com/GreenButtonConnect/espi/1_1/resource";
    public static final String DEFAULT_SUBSCRIPTION_ID = "4829153";
    private static final String RESOURCE_PATH = "/GreenButtonConnect/espi/1_1/resource";

    public EspiLinks {
        resourceBase = resourceBase(resourceBase);
    }

    public static EspiLinks pge() {
        return new EspiLinks(PGE_RESOURCE_BASE, DEFAULT_SUBSCRIPTION_ID);
    }

    /**
     * Accepts either the resource base or just the server's origin ({@code https://localhost:8443}), to which PG&amp;E's
     * resource path is appended.
     */
    static String resourceBase(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return trimmed.endsWith("/resource") ? trimmed : trimmed + RESOURCE_PATH;
    }

    public String feedSelf(List<String> usagePointIds) {
        String batch = resourceBase + "/Batch/Subscription/" + subscriptionId;
        return usagePointIds.size() == 1 ? batch + "/UsagePoint/" + usagePointIds.get(0) : batch;
    }

    public String bulk(String bulkId) {
        return resourceBase + "/Batch/Bulk/" + bulkId;
    }

    public String localTimeParametersCollection() {
        return resourceBase + "/LocalTimeParameters";
    }

    public String localTimeParameters() {
        return localTimeParametersCollection() + "/1";
    }

    public String readingTypeCollection() {
        return resourceBase + "/ReadingType";
    }

    public String readingType(ReadingType type) {
        return readingTypeCollection() + "/" + type.id();
    }

    public String usagePointCollection() {
        return resourceBase + "/Subscription/" + subscriptionId + "/UsagePoint";
    }

    public String usagePoint(String usagePointId) {
        return usagePointCollection() + "/" + usagePointId;
    }

    public String usageSummaryCollection(String usagePointId) {
        return usagePoint(usagePointId) + "/UsageSummary";
    }

    public String meterReadingCollection(String usagePointId) {
        return usagePoint(usagePointId) + "/MeterReading";
    }

    public String meterReading(String usagePointId, Flow flow) {
        return meterReadingCollection(usagePointId) + "/" + meterReadingId(usagePointId, flow);
    }

    public String intervalBlockCollection(String usagePointId, Flow flow) {
        return meterReading(usagePointId, flow) + "/IntervalBlock";
    }

    /** PG&amp;E's IntervalBlock id is the epoch second of its start. */
    public String intervalBlock(String usagePointId, Flow flow, long blockStart) {
        return intervalBlockCollection(usagePointId, flow) + "/" + blockStart;
    }

    /**
     * Opaque and base64-like, like PG&amp;E's since its 2024 re-encoding (clients must not key on it): URL-safe base64 of
     * 24 bytes derived from the usage point and flow, so it is stable and never holds a {@code /}.
     */
    static String meterReadingId(String usagePointId, Flow flow) {
        byte[] name = ("MeterReading|" + usagePointId + "|" + flow).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public String applicationInformation(String applicationId) {
        return resourceBase + "/ApplicationInformation/" + applicationId;
    }
}
