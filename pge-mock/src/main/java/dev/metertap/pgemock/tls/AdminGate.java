package dev.metertap.pgemock.tls;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/** WireMock's admin API ({@code /__admin}) answers only the registered client certificate, like everything else. */
final class AdminGate implements Filter {

    private final RegisteredClients clients;

    AdminGate(RegisteredClients clients) {
        this.clients = clients;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (clients.accepts(certificates)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        byte[] body = "Invalid Certificate".getBytes(StandardCharsets.UTF_8);
        http.setStatus(400);
        http.setContentType("text/plain;charset=UTF-8");
        http.setContentLength(body.length);
        http.getOutputStream().write(body);
    }
}
