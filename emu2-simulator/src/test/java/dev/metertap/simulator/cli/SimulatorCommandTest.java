package dev.metertap.simulator.cli;

import dev.metertap.simulator.fault.FaultSyntax;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorCommandTest {

    @Test
    void helpExplainsWithExamplesAndListsEveryFault() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        String help = out.toString();
        assertThat(help).contains("--link", "--tcp", "--seed", "--speed", "--fault", "--journal", "--control-port", "Examples:",
                "/tmp/emu2/ttyEMU2", "socat", "metertap emu2 listen");
        for (FaultSyntax.Kind fault : FaultSyntax.kinds()) {
            assertThat(help).contains(fault.id() + "=");
        }
    }

    @Test
    void rejectsAnUnknownFault() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(cli.execute("--no-pty", "--fault", "gremlins=1")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown fault 'gremlins'");
    }
}
