package dev.metertap.collector.cli;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.session.Emu2Options;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metertap emu2 record}: a capture of a real device, for the simulator to replay anywhere. */
@Command(name = "record",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:stopped after --duration or by Ctrl-C", "2:a bad option, the port cannot be opened, or FILE cannot be written"},
        mixinStandardHelpOptions = true,
        description = {
                "Talks to the EMU-2 as `metertap emu2 listen` does (it asks who the device is and polls it) and writes "
                        + "every chunk read and every command written, with its time, to FILE: a line-oriented capture "
                        + "(see the README) that the simulator replays with --replay FILE, so a problem seen on a real "
                        + "device becomes a test anyone can run.",
                "At exit, the session's counters go to stderr."},
        footer = {"", "Examples:",
                "  metertap emu2 record --port /dev/ttyACM0 --out emu2.capture --duration 1h",
                "  emu2-simulator --replay emu2.capture --link /tmp/emu2/ttyEMU2"})
final class Emu2RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Emu2PortOption port;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the capture goes (overwritten).")
    Path out;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop after this long (30s, 10m, 2h). Default: run until Ctrl-C.")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        return Emu2ListenCommand.listen(spec, port.endpoint(), Emu2Options.DEFAULTS, new Emu2Listener() {
        }, duration, out);
    }
}
