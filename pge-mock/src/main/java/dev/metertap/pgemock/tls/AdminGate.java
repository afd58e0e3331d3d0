package dev.metertap.pgemock.tls;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * WireMock's admin API ({@code /__admin/mappings}, {@code /__admin/requests}, …) answers only a registered client
 * certificate, like everything else: a WireMock request filter on the admin side.
 */
public final class AdminGate implements RequestFilterV2 {

    private final RegisteredClients clients;

    public AdminGate(RegisteredClients clients) {
        this.clients = clients;
    }

    @Override
    public String getName() {
        return "pge-admin-gate";
    }

    @Override
    public boolean applyToAdmin() {
        return true;
    }

    @Override
    public boolean applyToStubs() {
        return false;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        if (clients.accepts(ConnectionFacts.clientCertificate(request))) {
            return RequestFilterAction.continueWith(request);
        }
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                .withHeader("Content-Type", "text/plain;charset=UTF-8").withBody("Invalid Certificate").build());
    }
}
