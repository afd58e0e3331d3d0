package dev.metertap.pgemock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.Pkcs12;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PgeMockCommandIT {

    @TempDir
    Path stateDir;

    @Test
    void helpExplainsOptionsWithExamples() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new PgeMockCommand()).setOut(new PrintWriter(out)).execute("--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--state-dir", "--notify-uri", "--notify-ca", "--mode", "--rate-limit",
                "--error-burst", "--notification", "Examples:", "curl --cacert");
    }

    @Test
    void rejectsUnknownModeWithAClearMessage() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new PgeMockCommand()).setErr(new PrintWriter(err));
        command.parseArgs("--mode", "lenient");
        PgeMockCommand parsed = command.getCommand();
        try {
            parsed.options();
        } catch (CommandLine.ParameterException e) {
            assertThat(e.getMessage()).isEqualTo("--mode must be gateway or strict");
            return;
        }
        throw new AssertionError("accepted --mode lenient");
    }

    @Test
    void stateDirectoryKeepsTheSameClientAndServerAcrossRuns() throws Exception {
        StateDirectory state = new StateDirectory(stateDir);
        var first = state.restoreInto(dev.metertap.pgemock.PgeMockOptions.defaults());
        try (var pge = new dev.metertap.pgemock.PgeMock(first)) {
            pge.writeClientKit(stateDir);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("client.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("client-credentials.properties"))))
                .isEqualTo("rw-------");
        var clientBefore = Pkcs12.read(stateDir.resolve("client.p12"),
                Files.readString(stateDir.resolve("client.p12.password")).strip().toCharArray());
        String caBefore = Files.readString(stateDir.resolve("pge-mock-ca.crt"));

        var second = new StateDirectory(stateDir).restoreInto(dev.metertap.pgemock.PgeMockOptions.defaults());
        try (var pge = new dev.metertap.pgemock.PgeMock(second)) {
            pge.writeClientKit(stateDir);
            assertThat(pge.clientIdentity().fingerprint()).isEqualTo(clientBefore.fingerprint());
        }
        assertThat(Files.readString(stateDir.resolve("pge-mock-ca.crt"))).isEqualTo(caBefore);
    }
}
