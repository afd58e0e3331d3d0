package dev.metertap.collector.pge.client;

import javax.net.ssl.SSLException;

/** Plain-words causes of TLS failures with PG&E. */
final class TlsAdvice {

    private TlsAdvice() {
    }

    static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    static String forHandshake(Throwable e) {
        String text = chain(e);
        if (text.contains("PKIX") || text.contains("unable to find valid certification path")
                || text.contains("certificate_unknown")) {
            return "The server's certificate is not trusted: for PG&E the JDK's CAs suffice; for a mock or a proxy set"
                    + " pge.extra-ca to its CA certificate.";
        }
        if (text.contains("bad_certificate") || text.contains("certificate_required") || text.contains("handshake_failure")) {
            return "The server refused the handshake: most likely it does not accept the client certificate"
                    + " (not registered with PG&E, expired, or the wrong file).";
        }
        if (text.contains("No subject alternative") || text.contains("hostname")) {
            return "The server's certificate does not name the host in the URL: check the URL.";
        }
        return "Check the URL, the client certificate and the server's CA.";
    }

    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(' ');
        }
        return text.toString();
    }
}
