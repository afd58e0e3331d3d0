package dev.metertap.pgemock;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The gateway's short plain-text answers ({@code Invalid Certificate}, {@code No listener for endpoint: /…}). */
final class PlainAnswers {

    private PlainAnswers() {
    }

    static void text(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void noListener(HttpServletResponse response, String path) throws IOException {
        text(response, 404, "No listener for endpoint: " + path);
    }
}
