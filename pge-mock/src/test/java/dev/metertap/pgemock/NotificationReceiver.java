package dev.metertap.pgemock;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** The user's HTTPS notification endpoint: answers 200 at once and queues each BatchList's URLs. */
public final class NotificationReceiver implements AutoCloseable {

    private final CertificateAuthority ca = CertificateAuthority.create("notification receiver root");
    private final BlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
    private HttpsServer server;

    public NotificationReceiver start() throws Exception {
        Identity identity = ca.issueServer("notification receiver");
        char[] password = "receiver".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.toKeyStore(password), password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/notify", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            received.add(resources(body));
        });
        server.start();
        return this;
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/notify");
    }

    public X509Certificate ca() {
        return ca.certificate();
    }

    /** The next notification's URLs; fails when none arrives in time. */
    public List<String> next(Duration timeout) throws InterruptedException {
        List<String> urls = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (urls == null) {
            throw new AssertionError("no notification within " + timeout);
        }
        return urls;
    }

    static List<String> resources(byte[] batchList) {
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(batchList));
            List<String> urls = new ArrayList<>();
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "http://naesb.org/espi".equals(xml.getNamespaceURI())
                        && "resources".equals(xml.getLocalName())) {
                    urls.add(xml.getElementText().trim());
                }
            }
            return urls;
        } catch (Exception e) {
            throw new AssertionError("unreadable BatchList: " + new String(batchList, StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
