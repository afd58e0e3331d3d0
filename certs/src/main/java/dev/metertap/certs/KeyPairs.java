package dev.metertap.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;

/** RSA key pairs. PG&E asks for RSA of at least 2048 bits. */
public final class KeyPairs {

    /** The key size used for every good identity. */
    public static final int RSA_BITS = 2048;

    private KeyPairs() {
    }

    public static KeyPair rsa() {
        return rsa(RSA_BITS);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot generate an RSA key of " + bits + " bits", e);
        }
    }
}
