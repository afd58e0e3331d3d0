package dev.metertap.pgemock.espi;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * The Authorization feed a self-access client reads to learn its BulkID: one {@code espi:Authorization} whose
 * {@code resourceURI} is {@code …/Batch/Bulk/{bulkId}}, related to the usage points it covers.
 */
public final class AuthorizationFeedWriter {

    /** What PG&amp;E's self-access scopes look like: function blocks, interval lengths, 48 months of history. */
    static final String SCOPE = "FB=1_3_4_5_13_14_39;IntervalDuration=900_3600_86400;BlockDuration=daily;"
            + "HistoryLength=126230400;SubscriptionFrequency=daily;AccountCollection=1";
    private static final int STATUS_ACTIVE = 1;
    private static final Duration AUTHORIZED_FOR = Duration.ofDays(3 * 365);

    private AuthorizationFeedWriter() {
    }

    /**
     * @param baseUrl the mock's origin ({@code https://localhost:8443}) or its resource base
     *                ({@code …/GreenButtonConnect/espi/1_1/resource})
     */
    public static void write(String baseUrl, String bulkId, List<UsagePointSpec> usagePoints, OutputStream out)
            throws IOException {
        write(new EspiLinks(baseUrl, EspiLinks.DEFAULT_SUBSCRIPTION_ID), bulkId, usagePoints, Clock.systemUTC(), out);
    }

    public static void write(EspiLinks links, String bulkId, List<UsagePointSpec> usagePoints, Clock clock,
                             OutputStream out) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String feedSelf = links.resourceBase() + "/Authorization";
        try (AtomWriter atom = AtomWriter.on(out)) {
            atom.startFeed(AtomWriter.entryId(feedSelf, now), "Green Button Authorizations", now, feedSelf);
            entry(atom, links, bulkId, usagePoints, now);
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }

    /** The authorization on its own ({@code …/Authorization/{BulkID}}): one Atom entry document. */
    public static void writeEntry(EspiLinks links, String bulkId, List<UsagePointSpec> usagePoints, Clock clock,
                                  OutputStream out) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (AtomWriter atom = AtomWriter.on(out)) {
            entry(atom, links, bulkId, usagePoints, now);
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }

    private static void entry(AtomWriter atom, EspiLinks links, String bulkId, List<UsagePointSpec> usagePoints, Instant now)
            throws XMLStreamException {
        Instant authorized = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(30));
        String feedSelf = links.resourceBase() + "/Authorization";
        String self = feedSelf + "/" + bulkId;
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", feedSelf);
        atom.link("self", self);
        for (UsagePointSpec point : usagePoints) {
            atom.link("related", links.usagePoint(point.id()));
        }
        atom.startContent("Authorization", now, "Authorization");
        period(atom, "authorizedPeriod", authorized, AUTHORIZED_FOR);
        period(atom, "publishedPeriod", authorized.minus(Duration.ofDays(4 * 365)), Duration.ofDays(4 * 365 + 30));
        atom.espi("status", STATUS_ACTIVE);
        atom.espi("expires_at", authorized.plus(AUTHORIZED_FOR).getEpochSecond());
        atom.espi("grant_type", "client_credentials");
        atom.espi("scope", SCOPE);
        atom.espi("token_type", "Bearer");
        atom.espi("resourceURI", links.bulk(bulkId));
        atom.espi("authorizationURI", self);
        atom.endEntry();
    }

    private static void period(AtomWriter atom, String name, Instant start, Duration duration)
            throws XMLStreamException {
        atom.startEspi(name);
        atom.espi("duration", duration.toSeconds());
        atom.espi("start", start.getEpochSecond());
        atom.end();
    }
}
