package dev.metertap.pgemock;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.metertap.certs.Fingerprint;
import dev.metertap.pgemock.fault.FaultPlan;
import dev.metertap.pgemock.oauth.TokenRegistry;
import dev.metertap.pgemock.oauth.TokenStatus;
import dev.metertap.pgemock.tls.ConnectionFacts;
import dev.metertap.pgemock.tls.RegisteredClients;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PG&E's API gateway does before any stub answers, as a WireMock request filter: the client certificate
 * check (400 {@code Invalid Certificate}), the faults (rate limit, quotas, bursts, slowness), and the bearer check on
 * every path under the resource base, built-in or scripted. A request it stops is answered and journalled by WireMock
 * like any other.
 */
final class PgeGateway implements RequestFilterV2 {

    static final String RESOURCE_PREFIX = "/GreenButtonConnect/espi/1_1/resource/";
    private static final Logger log = LoggerFactory.getLogger(PgeGateway.class);

    private final RegisteredClients clients;
    private final FaultPlan faults;
    private final TokenRegistry tokens;
    private final int badTokenStatus;

    PgeGateway(RegisteredClients clients, FaultPlan faults, TokenRegistry tokens, int badTokenStatus) {
        this.clients = clients;
        this.faults = faults;
        this.tokens = tokens;
        this.badTokenStatus = badTokenStatus;
    }

    @Override
    public String getName() {
        return "pge-gateway";
    }

    @Override
    public boolean applyToAdmin() {
        return false;
    }

    @Override
    public boolean applyToStubs() {
        return true;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        Optional<Fingerprint> fingerprint = ConnectionFacts.clientCertificate(request);
        if (!clients.accepts(fingerprint)) {
            log.info("{} {}: client certificate {} refused", request.getMethod(), path(request),
                    fingerprint.map(Fingerprint::colonSeparated).orElse("(none)"));
            return RequestFilterAction.stopWith(PlainAnswers.text(400, "Invalid Certificate"));
        }
        // a certificate accepted: the client it identifies is what the quotas count
        Optional<FaultPlan.ForcedAnswer> forced = faults.admit(fingerprint.orElseThrow());
        if (forced.isPresent()) {
            return RequestFilterAction.stopWith(PlainAnswers.text(forced.get().status(), forced.get().body()));
        }
        if (!faults.slowResponses().isZero()) {
            try {
                Thread.sleep(faults.slowResponses().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RequestFilterAction.stopWith(PlainAnswers.text(503, "Service Unavailable"));
            }
        }
        if (path(request).startsWith(RESOURCE_PREFIX)) {
            TokenStatus status = tokens.status(bearer(request.getHeader("Authorization")).orElse(null));
            if (status != TokenStatus.VALID) {
                return RequestFilterAction.stopWith(PlainAnswers.invalidToken(badTokenStatus,
                        "{\"error\":\"invalid_token\",\"error_description\":\"Access token " + describe(status) + "\"}"));
            }
        }
        return RequestFilterAction.continueWith(request);
    }

    static String path(Request request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String describe(TokenStatus status) {
        return switch (status) {
            case EXPIRED -> "expired";
            case MISSING -> "missing";
            default -> "not recognised";
        };
    }

    /** The bearer token of an {@code Authorization} header, if it holds one. */
    static Optional<String> bearer(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }
}
