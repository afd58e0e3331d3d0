package dev.metertap.pgemock.tls;

import com.github.tomakehurst.wiremock.http.Request;
import dev.metertap.certs.Fingerprint;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What only the connection knows, written into two request headers before WireMock sees the request (as a TLS
 * front writes {@code X-SSL-Client-Cert}): the SHA-256 fingerprint of the client certificate presented and the
 * mock's clock when the request arrived. WireMock's extensions (the gateway, the admin gate) decide on them, and
 * its request journal keeps them. A client's own values for these headers are dropped, never believed.
 */
public final class ConnectionFacts implements Filter {

    /** The presented leaf certificate's SHA-256 fingerprint, hex; absent when none was presented. */
    public static final String CLIENT_CERTIFICATE = "X-Pge-Mock-Client-Certificate";
    /** The mock's clock (ISO-8601) when the request arrived. */
    public static final String RECEIVED_AT = "X-Pge-Mock-Received-At";
    private static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final Clock clock;

    public ConnectionFacts(Clock clock) {
        this.clock = clock;
    }

    /** The fingerprint {@link ConnectionFacts} wrote, if a certificate was presented. */
    public static Optional<Fingerprint> clientCertificate(Request request) {
        String hex = request.getHeader(CLIENT_CERTIFICATE);
        return hex == null ? Optional.empty() : Optional.of(new Fingerprint(hex));
    }

    /** When the request arrived by the mock's clock; empty for a request that did not pass this filter. */
    public static Optional<Instant> receivedAt(Request request) {
        String at = request.getHeader(RECEIVED_AT);
        try {
            return at == null ? Optional.empty() : Optional.of(Instant.parse(at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain filters)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Map<String, String> facts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        facts.put(RECEIVED_AT, clock.instant().toString());
        X509Certificate[] chain = (X509Certificate[]) http.getAttribute(CERTIFICATES_ATTRIBUTE);
        if (chain != null && chain.length > 0) {
            facts.put(CLIENT_CERTIFICATE, Fingerprint.of(chain[0]).hex());
        }
        filters.doFilter(new Annotated(http, facts), response);
    }

    /** The request with the facts as headers, and without any copy of them the client sent. */
    private static final class Annotated extends HttpServletRequestWrapper {

        private final Map<String, String> facts;

        Annotated(HttpServletRequest request, Map<String, String> facts) {
            super(request);
            this.facts = facts;
        }

        private static boolean isFact(String name) {
            return CLIENT_CERTIFICATE.equalsIgnoreCase(name) || RECEIVED_AT.equalsIgnoreCase(name);
        }

        @Override
        public String getHeader(String name) {
            return isFact(name) ? facts.get(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (isFact(name)) {
                String value = facts.get(name);
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>(facts.keySet());
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!isFact(name)) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }
    }
}
