package dev.metertap.collector.pge;

import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.secret.Secret;
import dev.metertap.pgemock.PgeMock;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The Share My Data client's settings for a running pge-mock: its URLs, client credentials, certificate and CA. */
public final class PgeMockSettings {

    private PgeMockSettings() {
    }

    public static ShareMyDataSettings of(PgeMock pge, Duration minRequestInterval, Duration requestTimeout, int attempts) {
        return new ShareMyDataSettings(URI.create(pge.resourceBase()), URI.create(pge.tokenUrl()), URI.create(pge.testTokenUrl()),
                pge.credentials().clientId(), Secret.of(pge.credentials().clientSecret(), "pge-mock"), pge.clientIdentity(),
                List.of(pge.serverCa()), minRequestInterval, requestTimeout, attempts);
    }
}
