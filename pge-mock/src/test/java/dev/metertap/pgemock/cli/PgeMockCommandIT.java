package dev.metertap.pgemock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metertap.certs.Fingerprint;
import dev.metertap.certs.Pkcs12;
import dev.metertap.pgemock.ManualClock;
import dev.metertap.pgemock.fault.FaultPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
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
                "--error-burst", "--notification", "--hourly-quota", "--daily-quota", "--max-bulk-window", "Examples:",
                "curl --cacert");
    }

    @Test
    void quotaFlagsSetPerClientQuotasAnsweredWithTheRateLimitStatus() {
        CommandLine command = new CommandLine(new PgeMockCommand());
        command.parseArgs("--hourly-quota", "2", "--daily-quota", "3", "--rate-limit-status", "503");
        ManualClock clock = new ManualClock(Instant.parse("2026-01-05T12:00:00Z"));
        FaultPlan faults = new FaultPlan(clock);
        ((PgeMockCommand) command.getCommand()).applyFaults(faults);
        Fingerprint client = new Fingerprint("c3".repeat(32));

        assertThat(faults.admit(client)).isEmpty();
        assertThat(faults.admit(client)).isEmpty();
        assertThat(faults.admit(client)).contains(new FaultPlan.ForcedAnswer(503, "Too Many Requests"));
        clock.advance(Duration.ofHours(1));
        assertThat(faults.admit(client)).as("a new hour, the day's third").isEmpty();
        assertThat(faults.admit(client)).as("the day's quota").isPresent();
    }

    @Test
    void quotasAreOffByDefault() {
        CommandLine command = new CommandLine(new PgeMockCommand());
        command.parseArgs();
        FaultPlan faults = new FaultPlan(new ManualClock(Instant.parse("2026-01-05T12:00:00Z")));
        ((PgeMockCommand) command.getCommand()).applyFaults(faults);
        Fingerprint client = new Fingerprint("c3".repeat(32));
        for (int i = 0; i < 50; i++) {
            assertThat(faults.admit(client)).isEmpty();
        }
    }

    @Test
    void maxBulkWindowFlagRefusesLongerWindowsWith413OrTheGivenStatus() {
        FaultPlan days = faultsFrom("--max-bulk-window", "20");
        assertThat(days.refuseBulkWindow(Duration.ofDays(20))).isEmpty();
        assertThat(days.refuseBulkWindow(Duration.ofDays(20).plusSeconds(1)))
                .contains(new FaultPlan.ForcedAnswer(413, "Date range too large"));

        FaultPlan withStatus = faultsFrom("--max-bulk-window", "30:400");
        assertThat(withStatus.refuseBulkWindow(Duration.ofDays(31))).map(FaultPlan.ForcedAnswer::status).contains(400);

        assertThat(faultsFrom().refuseBulkWindow(Duration.ofDays(3650))).as("off by default").isEmpty();
    }

    @Test
    void rejectsAMaxBulkWindowThatIsNotWholeDaysWithAClearMessage() {
        assertThatThrownBy(() -> faultsFrom("--max-bulk-window", "0")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--max-bulk-window wants DAYS[:STATUS], e.g. 30 or 30:400");
        assertThatThrownBy(() -> faultsFrom("--max-bulk-window", "twenty")).isInstanceOf(CommandLine.ParameterException.class);
    }

    private static FaultPlan faultsFrom(String... args) {
        CommandLine command = new CommandLine(new PgeMockCommand());
        command.parseArgs(args);
        FaultPlan faults = new FaultPlan(new ManualClock(Instant.parse("2026-01-05T12:00:00Z")));
        ((PgeMockCommand) command.getCommand()).applyFaults(faults);
        return faults;
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
    void rootDirMustBeADirectoryAndReachesTheOptions() throws Exception {
        CommandLine missing = new CommandLine(new PgeMockCommand());
        missing.parseArgs("--root-dir", stateDir.resolve("nowhere").toString());
        assertThatThrownBy(() -> ((PgeMockCommand) missing.getCommand()).options())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--root-dir " + stateDir.resolve("nowhere") + " is not a directory");

        CommandLine given = new CommandLine(new PgeMockCommand());
        given.parseArgs("--root-dir", stateDir.toString(), "--serve-subscription-resources");
        PgeMockCommand parsed = given.getCommand();
        assertThat(parsed.options()).extracting("rootDir", "subscriptionResources")
                .containsExactly(stateDir.toAbsolutePath(), true);
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
