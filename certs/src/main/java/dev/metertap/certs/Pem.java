package dev.metertap.certs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * PEM text as OpenSSL and curl read it: certificates, unencrypted PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}) and CSRs. Reading also accepts PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
 * Private keys are written with {@link PrivateFiles} (mode 0600).
 */
public final class Pem {

    private Pem() {
    }

    public static String certificates(List<X509Certificate> certificates) {
        return write(certificates.toArray());
    }

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (Exception e) {
            throw new CertificateException("cannot encode a private key as PEM", e);
        }
    }

    public static String signingRequest(PKCS10CertificationRequest request) {
        return write(request);
    }

    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        try {
            Files.writeString(file, certificates(certificates), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CertificateException("cannot write " + file, e);
        }
    }

    public static void writePrivateKey(Path file, PrivateKey key) {
        PrivateFiles.write(file, privateKey(key).getBytes(StandardCharsets.US_ASCII));
    }

    public static void writeSigningRequest(Path file, PKCS10CertificationRequest request) {
        try {
            Files.writeString(file, signingRequest(request), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CertificateException("cannot write " + file, e);
        }
    }

    /** Every certificate in the file, in order. */
    public static List<X509Certificate> readCertificates(Path file) {
        return readCertificates(read(file), file.toString());
    }

    public static List<X509Certificate> readCertificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects(new StringReader(pem), source)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (java.security.cert.CertificateException e) {
                    throw new CertificateException("unreadable certificate in " + source, e);
                }
            }
        }
        return certificates;
    }

    /** The first private key in the file. */
    public static PrivateKey readPrivateKey(Path file) {
        for (Object object : objects(new StringReader(read(file)), file.toString())) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
                }
            } catch (IOException e) {
                throw new CertificateException("unreadable private key in " + file, e);
            }
        }
        throw new CertificateException("no unencrypted private key in " + file);
    }

    /**
     * The identity a user configures as two PEM files, as for curl's {@code --cert}/{@code --key}:
     * the certificate file (leaf first, optionally followed by its chain) and the private key file.
     *
     * @throws CertificateException when either is unreadable or the key does not belong to the certificate
     */
    public static Identity readIdentity(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = readCertificates(certificateFile);
        if (chain.isEmpty()) {
            throw new CertificateException("no certificate in " + certificateFile
                    + (read(certificateFile).contains("PRIVATE KEY-----") ? " (it holds a private key: are the two files swapped?)" : ""));
        }
        PrivateKey key = readPrivateKey(keyFile);
        if (!matches(chain.get(0), key)) {
            throw new CertificateException("the key in " + keyFile + " does not belong to the certificate in " + certificateFile);
        }
        return new Identity(key, chain);
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        if (certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey publicKey
                && key instanceof java.security.interfaces.RSAPrivateKey privateKey) {
            return publicKey.getModulus().equals(privateKey.getModulus());
        }
        return certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm());
    }

    public static PKCS10CertificationRequest readSigningRequest(Path file) {
        for (Object object : objects(new StringReader(read(file)), file.toString())) {
            if (object instanceof PKCS10CertificationRequest request) {
                return request;
            }
        }
        throw new CertificateException("no certificate signing request in " + file);
    }

    static List<Object> objects(Reader reader, String source) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException e) {
            throw new CertificateException("unreadable PEM in " + source, e);
        }
        return objects;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CertificateException("cannot read " + file, e);
        }
    }

    private static String write(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new CertificateException("cannot encode PEM", e);
        }
        return text.toString();
    }
}
