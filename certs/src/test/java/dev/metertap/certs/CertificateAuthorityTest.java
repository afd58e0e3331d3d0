package dev.metertap.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static CertificateAuthority ca;

    @BeforeAll
    static void makeAuthority() {
        ca = CertificateAuthority.create("Test Root");
    }

    @Test
    void rootIsSelfSignedCertificateAuthority() throws Exception {
        X509Certificate root = ca.certificate();
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Test Root");
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void clientLeafHasClientAuthRsa2048AndChainsToRoot() throws Exception {
        Identity client = ca.issueClient("metertap client");
        X509Certificate leaf = client.certificate();
        leaf.verify(ca.certificate().getPublicKey());
        leaf.checkValidity();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(client.chain()).containsExactly(leaf, ca.certificate());
        assertThat(PgeRequirements.problems(leaf, java.time.Instant.now())).isEmpty();
    }

    @Test
    void serverLeafNamesLocalhostAndLoopbackAddress() throws Exception {
        X509Certificate leaf = ca.issueServer("pge-mock").certificate();
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        assertThat(names).extracting(name -> (Object) name.get(1)).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void serialsCountUpFromLastSerial() {
        BigInteger before = ca.lastSerial();
        X509Certificate first = ca.issueClient("a").certificate();
        X509Certificate second = ca.issueClient("b").certificate();
        assertThat(first.getSerialNumber()).isEqualTo(before.add(BigInteger.ONE));
        assertThat(second.getSerialNumber()).isEqualTo(before.add(BigInteger.TWO));
        assertThat(ca.lastSerial()).isEqualTo(second.getSerialNumber());
    }

    @Test
    void signsSigningRequestWithItsSubjectAndKey() throws Exception {
        KeyPair keys = KeyPairs.rsa();
        PKCS10CertificationRequest request = SigningRequest.create(keys, "from csr");
        X509Certificate signed = ca.sign(request, Usage.CLIENT, Duration.ofDays(365));
        signed.verify(ca.certificate().getPublicKey());
        assertThat(signed.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(signed.getSubjectX500Principal().getName()).isEqualTo("CN=from csr");
    }

    @Test
    void refusesSigningRequestWhoseSignatureDoesNotVerify() {
        KeyPair keys = KeyPairs.rsa();
        PKCS10CertificationRequest genuine = SigningRequest.create(keys, "genuine");
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(
                new org.bouncycastle.asn1.pkcs.CertificationRequest(
                        new org.bouncycastle.asn1.pkcs.CertificationRequestInfo(
                                CertificateAuthority.name("someone else"),
                                genuine.getSubjectPublicKeyInfo(),
                                new org.bouncycastle.asn1.DERSet()),
                        genuine.getSignatureAlgorithm(),
                        new org.bouncycastle.asn1.DERBitString(genuine.getSignature())));
        assertThatThrownBy(() -> ca.sign(tampered, Usage.CLIENT, Duration.ofDays(1)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void fingerprintIsSha256OfDerInOpenSslFormat() throws Exception {
        X509Certificate root = ca.certificate();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(root.getEncoded());
        Fingerprint fingerprint = Fingerprint.of(root);
        assertThat(fingerprint.hex()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        assertThat(fingerprint.colonSeparated()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(new Fingerprint(fingerprint.colonSeparated())).isEqualTo(fingerprint);
    }
}
