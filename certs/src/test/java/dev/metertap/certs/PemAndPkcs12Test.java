package dev.metertap.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemAndPkcs12Test {

    private static CertificateAuthority ca;
    private static Identity client;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeIdentity() {
        ca = CertificateAuthority.create("Pem Root");
        client = ca.issueClient("pem client");
    }

    @Test
    void certificateChainAndKeyRoundTripThroughPemFiles() throws Exception {
        Path certificate = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        Pem.writeCertificates(certificate, client.chain());
        Pem.writePrivateKey(key, client.privateKey());

        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY");
        assertThat(Pem.readCertificates(certificate)).containsExactlyElementsOf(client.chain());
        assertThat(Pem.readPrivateKey(key)).isEqualTo(client.privateKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void identityIsReadFromCertificateAndKeyFilesAndMismatchesAreExplained() {
        Path certificate = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        Pem.writeCertificates(certificate, java.util.List.of(client.certificate()));
        Pem.writePrivateKey(key, client.privateKey());

        Identity read = Pem.readIdentity(certificate, key);
        assertThat(read.fingerprint()).isEqualTo(client.fingerprint());
        assertThat(read.privateKey()).isEqualTo(client.privateKey());

        Path otherKey = dir.resolve("other.key");
        Pem.writePrivateKey(otherKey, KeyPairs.rsa().getPrivate());
        assertThatThrownBy(() -> Pem.readIdentity(certificate, otherKey))
                .isInstanceOf(CertificateException.class).hasMessageContaining("does not belong to the certificate");
        assertThatThrownBy(() -> Pem.readIdentity(key, certificate))
                .isInstanceOf(CertificateException.class).hasMessageContaining("are the two files swapped?");
    }

    @Test
    void signingRequestRoundTripsThroughPem() {
        KeyPair keys = KeyPairs.rsa();
        PKCS10CertificationRequest request = SigningRequest.create(keys, "csr");
        Path file = dir.resolve("client.csr");
        Pem.writeSigningRequest(file, request);
        assertThat(Pem.readSigningRequest(file)).isEqualTo(request);
    }

    @Test
    void pkcs12BundleHoldsKeyAndChainAndIsPrivate() throws Exception {
        char[] password = "correct horse".toCharArray();
        Path file = dir.resolve("client.p12");
        Pkcs12.write(file, client, password);

        Identity read = Pkcs12.read(file, password);
        assertThat(read.privateKey()).isEqualTo(client.privateKey());
        assertThat(read.chain()).containsExactlyElementsOf(client.chain());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void wrongPkcs12PasswordErrorDoesNotRepeatThePassword() {
        Path file = dir.resolve("client.p12");
        Pkcs12.write(file, client, "right-password".toCharArray());
        assertThatThrownBy(() -> Pkcs12.read(file, "wrong-password".toCharArray()))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-password")
                .hasMessageNotContaining("right-password");
    }

    @Test
    void serialFileHoldsLastSerialInHexLikeOpenSsl() throws Exception {
        Path file = dir.resolve("ca.srl");
        SerialFile.write(file, BigInteger.valueOf(0x1001));
        assertThat(Files.readString(file)).isEqualTo("1001\n");
        assertThat(SerialFile.read(file)).isEqualTo(BigInteger.valueOf(0x1001));
    }
}
