package dev.metertap.certs.cli;

import dev.metertap.certs.CertificateException;
import dev.metertap.certs.Fingerprint;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.PgeRequirements;
import dev.metertap.certs.Pkcs12;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code metertap certs show FILE}: what a certificate is and whether PG&E will take it. */
@Command(name = "show", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all good", "1:warnings (PG&E would refuse it, or it expires within 30 days)", "2:the file cannot be read"},
        description = {
            "Print a certificate's subject, issuer, validity, key size and SHA-256 fingerprint, and warn when it",
            "would not meet PG&E's requirements (RSA >= 2048 bits, SHA-2, clientAuth) or expires within 30 days.",
            "FILE is PEM (every certificate in it is shown) or PKCS#12 (with --password-file)."},
        footerHeading = "%nExamples:%n",
        footer = {"  metertap certs show ~/metertap/pge-certs/client.crt",
            "  metertap certs show client.p12 --password-file client.p12.password"})
public final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A PEM certificate file or a PKCS#12 bundle.")
    Path file;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the PKCS#12 password.")
    Path passwordFile;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<X509Certificate> certificates;
        try {
            certificates = read();
        } catch (CertificateException | IOException e) {
            err.println("certs show: " + e.getMessage());
            return 2;
        }
        if (certificates.isEmpty()) {
            err.println("certs show: no certificate in " + file + (isPrivateKey() ? " (it holds a private key: keep it private, upload the .crt)" : ""));
            return 2;
        }
        Instant now = clock.instant();
        boolean warned = false;
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate certificate = certificates.get(i);
            if (certificates.size() > 1) {
                out.println("certificate " + (i + 1) + " of " + certificates.size());
            }
            print(out, certificate);
            // PG&E's rules are about the client (leaf) certificate: the first of a file or chain
            if (i == 0) {
                for (String problem : PgeRequirements.problems(certificate, now)) {
                    out.println("WARNING: " + problem);
                    warned = true;
                }
            }
        }
        out.flush();
        return warned ? 1 : 0;
    }

    private List<X509Certificate> read() throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
            return Pem.readCertificates(new String(content, StandardCharsets.US_ASCII), file.toString());
        }
        if (passwordFile == null) {
            throw new CertificateException(file + " is not PEM; for a PKCS#12 bundle give --password-file");
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        Identity identity = Pkcs12.read(file, password);
        return identity.chain();
    }

    private boolean isPrivateKey() {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).contains("PRIVATE KEY-----");
        } catch (IOException e) {
            return false;
        }
    }

    private static void print(PrintWriter out, X509Certificate certificate) {
        out.println("  subject      " + certificate.getSubjectX500Principal().getName());
        out.println("  issuer       " + certificate.getIssuerX500Principal().getName());
        out.println("  serial       " + certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
        out.println("  valid from   " + certificate.getNotBefore().toInstant());
        out.println("  valid until  " + certificate.getNotAfter().toInstant());
        int bits = PgeRequirements.keyBits(certificate);
        out.println("  key          " + certificate.getPublicKey().getAlgorithm() + (bits > 0 ? " " + bits + " bits" : ""));
        out.println("  signature    " + certificate.getSigAlgName());
        out.println("  usage        " + usage(certificate));
        out.println("  SHA-256      " + Fingerprint.of(certificate).colonSeparated());
    }

    private static String usage(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return "certificate authority";
        }
        try {
            List<String> extended = certificate.getExtendedKeyUsage();
            if (extended == null) {
                return "any (no extended key usage)";
            }
            return String.join(", ", extended.stream().map(oid -> switch (oid) {
                case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
                case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                default -> oid;
            }).toList());
        } catch (CertificateParsingException e) {
            return "unreadable extended key usage";
        }
    }
}
