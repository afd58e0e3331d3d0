package dev.metertap.collector.cli;

import dev.metertap.collector.emu2.capture.CaptureWriter;
import dev.metertap.collector.emu2.capture.RecordingTransport;
import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.emu2.transport.ByteTransport;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.reading.Reading;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metertap emu2 listen}: prints readings as they arrive. */
@Command(name = "listen",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:stopped after --duration or by Ctrl-C", "2:a bad option, or the port cannot be opened (no such device, not a serial port, no permission)"},
        mixinStandardHelpOptions = true,
        description = {
                "Prints each reading as the EMU-2 sends it, until --duration has passed or Ctrl-C.",
                "Output goes to stdout and logs to stderr, so this works as a Telegraf execd input. "
                        + "At exit, counters go to stderr: fragments accepted, rejected (by reason), clobbered, bytes skipped."},
        footer = {"", "Examples:",
                "  metertap emu2 listen --port /dev/ttyACM0",
                "  metertap emu2 listen --port /tmp/emu2/ttyEMU2 --format text --duration 2m",
                "  metertap emu2 listen --port tcp://192.168.1.20:4000 --format json",
                "  metertap emu2 listen --port /dev/ttyACM0 --record emu2.capture"})
final class Emu2ListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Emu2PortOption port;

    @Option(names = "--format", defaultValue = "ilp", paramLabel = "ilp|json|text",
            description = "ilp: line protocol per reading (the README's data model); json: one object per decoded "
                    + "message with its fields; text: a line per reading for people. Default: ${DEFAULT-VALUE}.")
    ReadingFormat format;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop after this long (30s, 10m, 2h). Default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--max-fragment-bytes", defaultValue = "16384", paramLabel = "N",
            description = "Drop fragments larger than this. Default: ${DEFAULT-VALUE}.")
    int maxFragmentBytes;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Also write everything read from and written to the device to FILE, as `metertap emu2 record` does.")
    Path record;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        return listen(spec, port.endpoint(), Emu2Options.DEFAULTS.withMaxFragmentBytes(maxFragmentBytes), new Printer(out),
                duration, record);
    }

    /**
     * Runs a session until {@code duration} has passed or Ctrl-C, then prints its counters; with {@code record}, every
     * byte read and written goes to that capture too. The exit status.
     */
    static int listen(CommandSpec spec, Endpoint endpoint, Emu2Options options, Emu2Listener listener, Duration duration,
                      Path record) throws InterruptedException {
        CaptureWriter capture;
        try {
            capture = record == null ? null : new CaptureWriter(record, endpoint.toString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("metertap: cannot write the capture " + record + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        ByteTransport transport = capture == null ? endpoint.transport() : new RecordingTransport(endpoint.transport(), capture);
        Emu2Session session = new Emu2Session(transport, options, listener);
        try {
            session.startConnected();
        } catch (IOException e) {
            // a wrong path is the user's to fix now; a device lost later is reconnected
            session.close();
            closeQuietly(capture);
            spec.commandLine().getErr().println("metertap: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        UntilStopped until = new UntilStopped();
        try {
            until.await(duration);
        } finally {
            session.close();
            closeQuietly(capture);
            spec.commandLine().getOut().flush();
            printCounters(spec, session.stats());
            until.close();
        }
        return 0;
    }

    private static void closeQuietly(CaptureWriter capture) {
        if (capture == null) {
            return;
        }
        try {
            capture.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(Emu2ListenCommand.class).warn("the capture may be incomplete: {}", e.getMessage());
        }
    }

    private static void printCounters(CommandSpec spec, Emu2Stats stats) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("metertap: fragments accepted %d, rejected %d%s, clobbered %d, malformed %d, oversized %d, "
                        + "bytes skipped %d; readings %d, repeats suppressed %d, reconnects %d%n",
                stats.accepted(), stats.rejectedTotal(), stats.rejected().isEmpty() ? "" : " " + stats.rejected(),
                stats.clobbered(), stats.malformed(), stats.oversized(), stats.skippedBytes(),
                stats.readings(), stats.duplicates(), stats.reconnects());
        err.flush();
    }

    private final class Printer implements Emu2Listener {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onMessage(Emu2Message message) {
            if (format == ReadingFormat.JSON) {
                print(MessageJson.toJson(message));
            }
        }

        @Override
        public void onReading(Reading reading) {
            switch (format) {
                case ILP -> print(ReadingFormat.ilp(reading));
                case TEXT -> print(ReadingFormat.text(reading));
                default -> {
                }
            }
        }

        private void print(String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
