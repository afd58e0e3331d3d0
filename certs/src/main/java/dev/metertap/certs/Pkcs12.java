package dev.metertap.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** PKCS#12 bundles (key + chain), the JDK's own format, readable by OpenSSL and curl. */
public final class Pkcs12 {

    private Pkcs12() {
    }

    public static KeyStore keyStore(Identity identity, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(Identity.ALIAS, identity.privateKey(), password,
                    identity.chain().toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateException("cannot build a PKCS#12 key store for " + identity.subject(), e);
        }
    }

    /** A PKCS#12 trust store holding the given certificates (for example the mock's CA). */
    public static KeyStore trustStore(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateException("cannot build a trust store", e);
        }
    }

    public static byte[] encode(Identity identity, char[] password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore(identity, password).store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateException("cannot encode a PKCS#12 bundle for " + identity.subject(), e);
        }
    }

    /** Writes the bundle with mode 0600. */
    public static void write(Path file, Identity identity, char[] password) {
        PrivateFiles.write(file, encode(identity, password));
    }

    public static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // wrong passwords surface here; the message never repeats the password
            throw new CertificateException("cannot open PKCS#12 file " + file + " (wrong password or not PKCS#12)", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot open PKCS#12 file " + file, e);
        }
    }

    /** The first key entry of the bundle. */
    public static Identity read(Path file, char[] password) {
        return identity(load(file, password), password, file.toString());
    }

    public static Identity identity(KeyStore store, char[] password, String source) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    return new Identity((PrivateKey) key, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot read the key in " + source, e);
        }
        throw new CertificateException("no private key entry in " + source);
    }
}
