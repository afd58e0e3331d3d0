package dev.metertap.certs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A root certificate authority that issues leaf certificates, like the one Share My Data tutorials
 * make with OpenSSL. Serial numbers count up from {@link #lastSerial()}; {@link SerialFile} keeps it.
 */
public final class CertificateAuthority {

    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofDays(730);
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final Identity identity;
    private final Clock clock;
    private BigInteger lastSerial;

    private CertificateAuthority(Identity identity, BigInteger lastSerial, Clock clock) {
        this.identity = identity;
        this.lastSerial = lastSerial;
        this.clock = clock;
    }

    /** A new self-signed root with a 2048-bit RSA key, valid for ten years from now. */
    public static CertificateAuthority create(String commonName) {
        return create(commonName, Clock.systemUTC(), DEFAULT_CA_VALIDITY);
    }

    public static CertificateAuthority create(String commonName, Clock clock, Duration validity) {
        Instant now = clock.instant();
        return create(commonName, KeyPairs.rsa(), now.minus(Duration.ofHours(1)), now.plus(validity), clock);
    }

    static CertificateAuthority create(String commonName, KeyPair keys, Instant notBefore, Instant notAfter, Clock clock) {
        X500Name name = name(commonName);
        BigInteger serial = new BigInteger(63, new SecureRandom()).setBit(62);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial, Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            return new CertificateAuthority(new Identity(keys.getPrivate(), List.of(certificate)),
                    BigInteger.valueOf(0x1000), clock);
        } catch (Exception e) {
            throw new CertificateException("cannot create certificate authority " + commonName, e);
        }
    }

    /** An existing authority (for example read back from PEM files) continuing after {@code lastSerial}. */
    public static CertificateAuthority of(Identity identity, BigInteger lastSerial) {
        return new CertificateAuthority(identity, lastSerial, Clock.systemUTC());
    }

    public Identity identity() {
        return identity;
    }

    public X509Certificate certificate() {
        return identity.certificate();
    }

    public Clock clock() {
        return clock;
    }

    /** The serial number of the last certificate issued (what OpenSSL keeps in {@code ca.srl}). */
    public synchronized BigInteger lastSerial() {
        return lastSerial;
    }

    /** A client identity: new 2048-bit key, clientAuth, valid for two years from now. */
    public Identity issueClient(String commonName) {
        return issue(commonName, Usage.CLIENT, List.of());
    }

    /** A server identity for {@code localhost} and {@code 127.0.0.1}. */
    public Identity issueServer(String commonName) {
        return issue(commonName, Usage.SERVER, List.of("localhost", "127.0.0.1"));
    }

    public Identity issue(String commonName, Usage usage, List<String> subjectAltNames) {
        Instant now = clock.instant();
        KeyPair keys = KeyPairs.rsa();
        X509Certificate leaf = issue(commonName, keys.getPublic(), usage, subjectAltNames,
                now.minus(Duration.ofHours(1)), now.plus(DEFAULT_LEAF_VALIDITY));
        return new Identity(keys.getPrivate(), List.of(leaf, certificate()));
    }

    /** Signs a CSR after checking its signature; the subject is taken from the request. */
    public X509Certificate sign(PKCS10CertificationRequest request, Usage usage, Duration validity) {
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jca.getPublicKey()))) {
                throw new CertificateException("the certificate signing request's signature does not verify");
            }
            Instant now = clock.instant();
            return issue(request.getSubject(), jca.getPublicKey(), usage, List.of(),
                    now.minus(Duration.ofHours(1)), now.plus(validity));
        } catch (CertificateException e) {
            throw e;
        } catch (Exception e) {
            throw new CertificateException("cannot sign the certificate signing request for " + request.getSubject(), e);
        }
    }

    public X509Certificate issue(String commonName, PublicKey key, Usage usage, List<String> subjectAltNames,
            Instant notBefore, Instant notAfter) {
        return issue(name(commonName), key, usage, subjectAltNames, notBefore, notAfter);
    }

    private X509Certificate issue(X500Name subject, PublicKey key, Usage usage, List<String> subjectAltNames,
            Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(usage, "usage");
        BigInteger serial = nextSerial();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    certificate(), serial, Date.from(notBefore), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            usage == Usage.CLIENT ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate()));
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(subjectAltNames));
            }
            return sign(builder, identity.privateKey());
        } catch (Exception e) {
            throw new CertificateException("cannot issue a certificate for " + subject, e);
        }
    }

    private synchronized BigInteger nextSerial() {
        lastSerial = lastSerial.add(BigInteger.ONE);
        return lastSerial;
    }

    private static GeneralNames alternativeNames(List<String> names) throws java.net.UnknownHostException {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            if (name.matches("[0-9.]+") || name.contains(":")) {
                byte[] address = InetAddress.getByName(name).getAddress();
                general.add(new GeneralName(GeneralName.iPAddress, new org.bouncycastle.asn1.DEROctetString(address)));
            } else {
                general.add(new GeneralName(GeneralName.dNSName, name));
            }
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
