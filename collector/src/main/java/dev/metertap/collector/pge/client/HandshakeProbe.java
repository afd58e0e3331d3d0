package dev.metertap.collector.pge.client;

import dev.metertap.certs.Identity;
import dev.metertap.certs.IssuerAgnosticKeyManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One TLS handshake with PG&E's host that records what the server asked for: whether it wanted a
 * client certificate and which CAs it listed. When the list does not name the certificate's issuer,
 * the JDK's default key managers send no certificate at all; metertap sends it anyway.
 */
public final class HandshakeProbe {

    /**
     * @param failure           empty when the handshake completed
     * @param certificateAsked  the server sent a CertificateRequest
     * @param listedIssuers     the CAs it listed (distinguished names)
     * @param issuerListed      the client certificate's issuer is among them
     */
    public record Report(String failure, boolean certificateAsked, List<String> listedIssuers, boolean issuerListed,
                         String protocol, Optional<Instant> serverDate) {
        public boolean completed() {
            return failure.isEmpty();
        }
    }

    private HandshakeProbe() {
    }

    public static Report probe(URI url, Identity identity, List<X509Certificate> extraTrust, Duration timeout) {
        Recording keys = new Recording(identity);
        int port = url.getPort() < 0 ? 443 : url.getPort();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket tls = (SSLSocket) ShareMyDataTls.context(new KeyManager[] {keys}, extraTrust).getSocketFactory()
                    .createSocket(plain, url.getHost(), port, false)) {
                tls.setSSLParameters(parameters(url));
                tls.startHandshake();
                return report("", keys, identity, tls.getSession().getProtocol(), serverDate(tls, url));
            }
        } catch (IOException e) {
            return report(e.getMessage() + ". " + TlsAdvice.forHandshake(e), keys, identity, "", Optional.empty());
        }
    }

    /**
     * The server's clock, from the Date header of a credential-free GET on the same URL (a token URL
     * answers it 405): a far-off local clock breaks certificate and token validity.
     */
    private static Optional<Instant> serverDate(SSLSocket tls, URI url) {
        try {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            OutputStream out = tls.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = tls.getInputStream().readNBytes(16 * 1024);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            for (String line : (end < 0 ? text : text.substring(0, end)).split("\r\n")) {
                if (line.regionMatches(true, 0, "Date:", 0, 5)) {
                    return Optional.of(ZonedDateTime.parse(line.substring(5).strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                }
            }
        } catch (IOException | DateTimeParseException e) {
            // no date to compare: the check says so
        }
        return Optional.empty();
    }

    private static javax.net.ssl.SSLParameters parameters(URI url) {
        javax.net.ssl.SSLParameters parameters = ShareMyDataTls.parameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static Report report(String failure, Recording keys, Identity identity, String protocol, Optional<Instant> serverDate) {
        String issuer = identity.certificate().getIssuerX500Principal().getName();
        List<String> listed = keys.issuers.stream().map(Principal::getName).toList();
        boolean issuerListed = keys.issuers.stream().anyMatch(p -> p.getName().equals(issuer));
        return new Report(failure, keys.asked, listed, issuerListed, protocol, serverDate);
    }

    /** The issuer-agnostic key manager, noting what the server's CertificateRequest said. */
    private static final class Recording extends X509ExtendedKeyManager {
        private final IssuerAgnosticKeyManager delegate;
        private final List<Principal> issuers = new ArrayList<>();
        private boolean asked;

        Recording(Identity identity) {
            this.delegate = new IssuerAgnosticKeyManager(identity);
        }

        private void note(Principal[] listed) {
            asked = true;
            if (listed != null && issuers.isEmpty()) {
                issuers.addAll(Arrays.asList(listed));
            }
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] listed, Socket socket) {
            note(listed);
            return delegate.chooseClientAlias(keyTypes, listed, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] listed, SSLEngine engine) {
            note(listed);
            return delegate.chooseEngineClientAlias(keyTypes, listed, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] listed) {
            return delegate.getClientAliases(keyType, listed);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] listed) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] listed, Socket socket) {
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] listed, SSLEngine engine) {
            return null;
        }
    }
}
