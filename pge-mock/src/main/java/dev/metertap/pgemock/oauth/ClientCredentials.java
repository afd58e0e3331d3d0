package dev.metertap.pgemock.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The client id and secret the portal hands out. {@link #toString()} never shows the secret. */
public record ClientCredentials(String clientId, String clientSecret) {

    /** A 32-hex-character id and a 32-hex-character secret, like the portal's. */
    public static ClientCredentials generate() {
        SecureRandom random = new SecureRandom();
        return new ClientCredentials(hex(random, 16), hex(random, 16));
    }

    /** Constant-time comparison of a presented pair. */
    public boolean matches(String id, String secret) {
        return id != null && secret != null
                && MessageDigest.isEqual(clientId.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8))
                && MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}
