package dev.metertap.pgemock.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's view of client certificates. {@link #getAcceptedIssuers()} is what the
 * CertificateRequest advertises (CAs that are not the user's); what is actually accepted is decided
 * by fingerprint. In {@link Mode#GATEWAY} every presented chain passes the handshake and the HTTP
 * layer answers 400; in {@link Mode#STRICT} an unregistered chain fails the handshake.
 */
final class PinnedClientTrust extends X509ExtendedTrustManager {

    private final List<X509Certificate> advertised;
    private final RegisteredClients registered;
    private final Mode mode;

    PinnedClientTrust(List<X509Certificate> advertised, RegisteredClients registered, Mode mode) {
        this.advertised = List.copyOf(advertised);
        this.registered = registered;
        this.mode = mode;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return advertised.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (mode == Mode.STRICT && !registered.accepts(chain)) {
            throw new CertificateException("client certificate is not registered or not valid now");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only judges clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this trust manager only judges clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this trust manager only judges clients");
    }
}
