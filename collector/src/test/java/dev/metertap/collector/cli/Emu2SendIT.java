package dev.metertap.collector.cli;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.junit.Emu2SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metertap emu2 send} against the virtual EMU-2 on a real pty: what the device did is in its journal. */
class Emu2SendIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static Emu2SimulatorExtension emu = Emu2SimulatorExtension.of(Emu2Simulator.builder().seed(12).manualTime());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aCommandTheDeviceDoesNotKnowExitsTwo() throws Exception {
        // generous: the device's warning ends the wait as soon as it comes
        int exit = run("emu2", "send", "get_devce_info", "--timeout", "10s", "--attempts", "1", "--port", emu.portPath());
        CommandEntry received = emu.journal().await(CommandEntry.class, c -> c.name().equals("get_devce_info"), WAIT);
        assertThat(received.outcome()).isEqualTo(CommandEntry.Outcome.UNKNOWN);
        assertThat(exit).as("stderr: %s", err).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                "metertap: the device does not know the command get_devce_info (the commands it knows: metertap emu2 send --help)");
    }

    @Test
    void aCommandWithoutAReplyThatTheDeviceTakesExitsZero() throws Exception {
        int exit = run("emu2", "send", "set_schedule", "--param", "Event=demand", "--param", "Frequency=0x0a",
                "--param", "Enabled=Y", "--timeout", "1s", "--port", emu.portPath());
        CommandEntry received = emu.journal().await(CommandEntry.class, c -> c.name().equals("set_schedule"), WAIT);
        assertThat(received.outcome()).isEqualTo(CommandEntry.Outcome.ANSWERED);
        assertThat(received.replies()).isZero();
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(err.toString().lines()).containsExactly(
                "metertap: sent set_schedule (the device sends no reply to it, and did not answer 'Unknown command' within 1 s)");
    }
}
