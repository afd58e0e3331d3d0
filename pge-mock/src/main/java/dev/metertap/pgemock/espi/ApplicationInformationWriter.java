package dev.metertap.pgemock.espi;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLStreamException;

/**
 * The registered application as Share My Data describes it ({@code …/ApplicationInformation/{id}}): one Atom entry
 * whose ESPI {@code ApplicationInformation} names the data custodian, the client id, the token and bulk endpoints.
 * Fields in the XSD's order, the required ones only plus what a Self-Access registration sets. Never the secret.
 */
public final class ApplicationInformationWriter {

    /** PG&amp;E's data custodian id in its ApplicationInformation (inferred). */
    static final String DATA_CUSTODIAN_ID = "PGE";
    private static final int STATUS_PRODUCTION = 3;
    private static final int THIRD_PARTY_TYPE_SELF_ACCESS = 3;

    private ApplicationInformationWriter() {
    }

    public static void write(EspiLinks links, String applicationId, String clientId, String bulkId, Clock clock,
                             OutputStream out) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String self = links.resourceBase() + "/ApplicationInformation/" + applicationId;
        String origin = links.resourceBase().substring(0, links.resourceBase().indexOf("/GreenButtonConnect"));
        try (AtomWriter atom = AtomWriter.on(out)) {
            atom.startEntry(AtomWriter.entryId(self, now));
            atom.link("up", links.resourceBase() + "/ApplicationInformation");
            atom.link("self", self);
            atom.startContent("Self-Access Application", now, "ApplicationInformation");
            atom.espi("dataCustodianId", DATA_CUSTODIAN_ID);
            atom.espi("dataCustodianApplicationStatus", STATUS_PRODUCTION);
            atom.espi("thirdPartyApplicationType", THIRD_PARTY_TYPE_SELF_ACCESS);
            atom.espi("authorizationServerAuthorizationEndpoint", origin + "/datacustodian/oauth/v2/authorize");
            atom.espi("authorizationServerTokenEndpoint", origin + "/datacustodian/oauth/v2/token");
            atom.espi("dataCustodianBulkRequestURI", links.bulk(bulkId));
            atom.espi("dataCustodianResourceEndpoint", links.resourceBase());
            atom.espi("client_id", clientId);
            atom.espi("token_endpoint_auth_method", "client_secret_basic");
            atom.espi("scope", AuthorizationFeedWriter.SCOPE);
            atom.espi("grant_types", "client_credentials");
            atom.endEntry();
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }
}
