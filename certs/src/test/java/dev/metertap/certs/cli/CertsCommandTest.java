package dev.metertap.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.BadIdentities;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.certs.SerialFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new CertsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void initWritesTheRegistrationKitWithPrivateFilesOwnerOnly() throws Exception {
        Path kit = dir.resolve("kit");
        assertThat(run("init", "--out", kit.toString(), "--cn", "metertap pi")).isZero();

        assertThat(kit).isDirectoryContaining(p -> p.getFileName().toString().equals("client.crt"));
        for (String name : InitCommand.FILES) {
            assertThat(kit.resolve(name)).exists();
        }
        for (String secret : List.of("ca.key", "client.key", "client.p12", "client.p12.password")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kit.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }
        X509Certificate ca = Pem.readCertificates(kit.resolve("ca.crt")).get(0);
        X509Certificate client = Pem.readCertificates(kit.resolve("client.crt")).get(0);
        client.verify(ca.getPublicKey());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=metertap pi");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Pem.readSigningRequest(kit.resolve("client.csr")).getSubject().toString()).isEqualTo("CN=metertap pi");
        assertThat(SerialFile.read(kit.resolve("ca.srl"))).isEqualTo(client.getSerialNumber());
        assertThat(Pem.readPrivateKey(kit.resolve("client.key")).getEncoded()).isNotEmpty();

        String password = Files.readString(kit.resolve("client.p12.password")).strip();
        Identity bundle = Pkcs12.read(kit.resolve("client.p12"), password.toCharArray());
        assertThat(bundle.certificate()).isEqualTo(client);
        assertThat(bundle.privateKey()).isEqualTo(Pem.readPrivateKey(kit.resolve("client.key")));

        String readme = Files.readString(kit.resolve("README.txt"));
        assertThat(readme).contains("UPLOAD to PG&E", "client.crt", "KEEP PRIVATE", "client.key", "ca.key");
        assertThat(out.toString()).contains("client.crt", "UPLOAD", "PRIVATE").doesNotContain(password);
    }

    @Test
    void initRefusesToOverwriteAnExistingKit() {
        assertThat(run("init", "--out", dir.toString(), "--cn", "first")).isZero();
        assertThat(run("init", "--out", dir.toString(), "--cn", "second")).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to overwrite keys", "--force");
    }

    @Test
    void showPrintsDetailsOfAGoodClientCertificate() {
        run("init", "--out", dir.toString(), "--cn", "shown");
        out.getBuffer().setLength(0);

        assertThat(run("show", dir.resolve("client.crt").toString())).isZero();
        assertThat(out.toString()).contains("subject      CN=shown", "issuer       CN=shown Root CA", "valid until",
                "key          RSA 2048 bits", "SHA-256      ", "usage        clientAuth").doesNotContain("WARNING");
    }

    @Test
    void showWarnsAboutWeakExpiredAndCaCertificates() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("root");
        BadIdentities bad = new BadIdentities(ca);
        Path weak = dir.resolve("weak.crt");
        Path expired = dir.resolve("expired.crt");
        Path root = dir.resolve("root.crt");
        Pem.writeCertificates(weak, List.of(bad.weakKey("weak").certificate()));
        Pem.writeCertificates(expired, List.of(bad.expired("old").certificate()));
        Pem.writeCertificates(root, List.of(ca.certificate()));

        assertThat(run("show", weak.toString())).isEqualTo(1);
        assertThat(run("show", expired.toString())).isEqualTo(1);
        assertThat(run("show", root.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("WARNING: the RSA key has 1024 bits, PG&E asks for at least 2048",
                "WARNING: expired on", "WARNING: this is a CA certificate");
    }

    @Test
    void showReadsPkcs12WithAPasswordFileAndExplainsAKeyFile() {
        run("init", "--out", dir.toString(), "--cn", "bundle");
        assertThat(run("show", dir.resolve("client.p12").toString(),
                "--password-file", dir.resolve("client.p12.password").toString())).isZero();
        assertThat(out.toString()).contains("CN=bundle");

        assertThat(run("show", dir.resolve("client.key").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("holds a private key");
    }

    @Test
    void helpExplainsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("init", "show", "PG&E");
        out.getBuffer().setLength(0);
        run("init", "--help");
        assertThat(out.toString()).contains("--out", "--cn", "0600", "Example");
    }
}
