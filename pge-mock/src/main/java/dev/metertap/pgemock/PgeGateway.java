package dev.metertap.pgemock;

import dev.metertap.certs.Fingerprint;
import dev.metertap.pgemock.fault.FaultPlan;
import dev.metertap.pgemock.journal.JournalEntry;
import dev.metertap.pgemock.journal.RequestJournal;
import dev.metertap.pgemock.oauth.TokenEndpoint;
import dev.metertap.pgemock.oauth.TokenRegistry;
import dev.metertap.pgemock.oauth.TokenStatus;
import dev.metertap.pgemock.tls.RegisteredClients;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PG&E's API gateway does before anything else, in front of WireMock's stubs: the client
 * certificate check (400 {@code Invalid Certificate}), the faults, the token endpoint, the bearer
 * check on resources, and the journal. Paths it does not know go on to WireMock.
 */
final class PgeGateway implements Filter {

    private static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final Logger log = LoggerFactory.getLogger(PgeGateway.class);

    private final RegisteredClients clients;
    private final FaultPlan faults;
    private final RequestJournal journal;
    private final TokenEndpoint tokenEndpoint;
    private final TokenRegistry tokens;
    private final int badTokenStatus;
    private final Clock clock;
    private volatile ResourceEndpoints resources;

    PgeGateway(RegisteredClients clients, FaultPlan faults, RequestJournal journal, TokenEndpoint tokenEndpoint,
            TokenRegistry tokens, int badTokenStatus, Clock clock) {
        this.clients = clients;
        this.faults = faults;
        this.journal = journal;
        this.tokenEndpoint = tokenEndpoint;
        this.tokens = tokens;
        this.badTokenStatus = badTokenStatus;
        this.clock = clock;
    }

    void resources(ResourceEndpoints resources) {
        this.resources = resources;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATES_ATTRIBUTE);
        Optional<Fingerprint> fingerprint = certificates == null || certificates.length == 0
                ? Optional.empty() : Optional.of(Fingerprint.of(certificates[0]));
        Optional<String> bearer = bearer(request.getHeader("Authorization"));
        String path = request.getRequestURI();
        JournalledResponse response = new JournalledResponse((HttpServletResponse) servletResponse,
                status -> journal.record(new JournalEntry(clock.instant(), request.getMethod(), path, request.getQueryString(),
                        fingerprint, bearer, status)));
        try {
            if (!clients.accepts(certificates)) {
                log.info("{} {}: client certificate {} refused", request.getMethod(), path,
                        fingerprint.map(Fingerprint::colonSeparated).orElse("(none)"));
                PlainAnswers.text(response, 400, "Invalid Certificate");
                return;
            }
            // a certificate accepted: the client it identifies is what the quotas count
            Optional<FaultPlan.ForcedAnswer> forced = faults.admit(fingerprint.orElseThrow());
            if (forced.isPresent()) {
                PlainAnswers.text(response, forced.get().status(), forced.get().body());
                return;
            }
            if (!faults.slowResponses().isZero()) {
                Thread.sleep(faults.slowResponses().toMillis());
            }
            if (TokenEndpoint.handles(path)) {
                tokenEndpoint.handle(request, response);
            } else if (ResourceEndpoints.handles(path)) {
                TokenStatus status = tokens.status(bearer.orElse(null));
                if (status != TokenStatus.VALID) {
                    response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    PlainAnswers.json(response, badTokenStatus,
                            "{\"error\":\"invalid_token\",\"error_description\":\"Access token " + describe(status) + "\"}");
                    return;
                }
                resources.handle(request, response);
            } else {
                chain.doFilter(request, response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PlainAnswers.text(response, 503, "Service Unavailable");
        } finally {
            response.recordOnce();
        }
    }

    private static String describe(TokenStatus status) {
        return switch (status) {
            case EXPIRED -> "expired";
            case MISSING -> "missing";
            default -> "not recognised";
        };
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }
}
