package dev.metertap.certs;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Share My Data asks of a client certificate (RSA of at least 2048 bits, a SHA-2 signature,
 * clientAuth), plus the validity window. Each failure is one human sentence.
 */
public final class PgeRequirements {

    public static final int MIN_RSA_BITS = 2048;
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private PgeRequirements() {
    }

    public static List<String> problems(X509Certificate certificate, Instant now) {
        List<String> problems = new ArrayList<>();
        int bits = keyBits(certificate);
        if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
            problems.add("the key is " + certificate.getPublicKey().getAlgorithm() + ", PG&E asks for RSA");
        } else if (bits < MIN_RSA_BITS) {
            problems.add("the RSA key has " + bits + " bits, PG&E asks for at least " + MIN_RSA_BITS);
        }
        String signature = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (!(signature.contains("SHA256") || signature.contains("SHA384") || signature.contains("SHA512"))) {
            problems.add("the signature is " + certificate.getSigAlgName() + ", PG&E asks for SHA-2");
        }
        if (certificate.getBasicConstraints() >= 0) {
            problems.add("this is a CA certificate: upload the client certificate, not the CA's");
        } else if (!hasClientAuth(certificate)) {
            problems.add("the certificate lacks the clientAuth extended key usage");
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            problems.add("not valid yet: valid from " + notBefore);
        } else if (!now.isBefore(notAfter)) {
            problems.add("expired on " + notAfter);
        } else if (now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
            problems.add("expires within " + EXPIRY_WARNING.toDays() + " days, on " + notAfter + ": renew it and upload the new one");
        }
        return problems;
    }

    public static int keyBits(X509Certificate certificate) {
        return certificate.getPublicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : -1;
    }

    static boolean hasClientAuth(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(CLIENT_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
