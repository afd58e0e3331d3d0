package dev.metertap.pgemock.tls;

import com.github.tomakehurst.wiremock.common.HttpsSettings;
import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.jetty11.Jetty11Utils;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds WireMock's Jetty server with an HTTPS connector made from the mock's own SSLContext (the
 * stock options cannot advertise one CA list and trust by fingerprint), and puts {@link ConnectionFacts} in front of
 * both of WireMock's servlets (stubs and admin), so that WireMock's own extensions see the client certificate.
 *
 * <p>WireMock calls {@code createHttpsConnector} from the superclass constructor, before any field
 * of a subclass is set; the server is therefore an inner class reading this factory's fields.
 */
public final class MutualTlsServerFactory implements HttpServerFactory {

    private final ServerTls tls;
    private final Filter connectionFacts;

    public MutualTlsServerFactory(ServerTls tls, ConnectionFacts connectionFacts) {
        this.tls = tls;
        this.connectionFacts = connectionFacts;
    }

    @Override
    public String getName() {
        return "pge-mutual-tls";
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        return new Server(options, admin, stubs);
    }

    private final class Server extends Jetty11HttpServer {

        Server(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
            super(options, admin, stubs);
        }

        @Override
        protected ServerConnector createHttpsConnector(String bindAddress, HttpsSettings https,
                JettySettings jetty, NetworkTrafficListener listener) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls.sslContext());
            ssl.setIncludeProtocols(ServerTls.PROTOCOL);
            if (tls.mode() == Mode.STRICT) {
                ssl.setNeedClientAuth(true);
            } else {
                ssl.setWantClientAuth(true);
            }
            HttpConfiguration http = Jetty11Utils.createHttpConfig(jetty);
            http.addCustomizer(new SecureRequestCustomizer(false));
            return Jetty11Utils.createServerConnector(jettyServer, bindAddress, jetty, https.port(), listener,
                    new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        }

        @Override
        protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
            context.addFilter(new FilterHolder(connectionFacts), "/*", EnumSet.of(DispatcherType.REQUEST));
        }

        @Override
        protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
            context.addFilter(new FilterHolder(connectionFacts), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
    }
}
