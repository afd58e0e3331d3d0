package dev.metertap.collector.cli;

import dev.metertap.collector.config.RtlamrConfig;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.rtlamr.CommandFeed;
import dev.metertap.collector.rtlamr.MeterChoice;
import dev.metertap.collector.rtlamr.RtlamrFeed;
import dev.metertap.collector.rtlamr.RtlamrSource;
import dev.metertap.collector.rtlamr.RtlamrStats;
import dev.metertap.collector.rtlamr.StreamFeed;
import dev.metertap.collector.rtlamr.TcpFeed;
import dev.metertap.collector.sink.Backoff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code metertap rtlamr listen}: prints radio readings as rtlamr decodes them, and which meters were heard. */
@Command(name = "listen",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:stopped after --duration, by Ctrl-C, or at the end of standard input",
                "2:a bad option (two sources, a bad host:port, a bad meter id)"},
        mixinStandardHelpOptions = true,
        description = {
                "Prints each reading of rtlamr's JSON lines (rtlamr -format=json) as line protocol or text: from "
                        + "standard input, from rtlamr started here (--command, restarted if it exits or goes silent), "
                        + "or from a TCP stream (--tcp).",
                "Without --meter every meter heard is printed; at exit the meters heard and how often go to stderr, "
                        + "to find one's own among the neighbours' (the id is printed on the meter's face)."},
        footer = {"", "Examples:",
                "  rtlamr -format=json -msgtype=all | metertap rtlamr listen --format text",
                "  metertap rtlamr listen --command 'rtlamr -format=json -msgtype=scm,idm'",
                "  metertap rtlamr listen --tcp 192.168.1.20:5000 --meter 48151623",
                "  metertap rtlamr listen --duration 10m < /dev/null  # (stdin: ends at once)"})
final class RtlamrListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--command", paramLabel = "'rtlamr …'",
            description = "Start this rtlamr (program and arguments, separated by spaces) and read its output.")
    String command;

    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Read rtlamr's JSON lines from this TCP stream.")
    String tcp;

    @Option(names = "--meter", paramLabel = "ID", description = "Print only this meter's readings (repeatable).")
    List<Long> meters;

    @Option(names = "--format", defaultValue = "ilp", paramLabel = "ilp|text",
            description = "ilp: line protocol (the README's data model); text: a line per reading for people. Default: ${DEFAULT-VALUE}.")
    ReadingFormat format;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop after this long (30s, 10m, 2h). Default: until Ctrl-C or the end of standard input.")
    Duration duration;

    @Option(names = "--silence", converter = DurationConverter.class, paramLabel = "D", defaultValue = "5m",
            description = "Restart --command (or reconnect --tcp) after this long without a message. Default: ${DEFAULT-VALUE}.")
    Duration silence;

    @Override
    public Integer call() throws InterruptedException {
        if (command != null && tcp != null) {
            throw new ParameterException(spec.commandLine(), "give --command or --tcp, not both");
        }
        if (format == ReadingFormat.JSON) {
            throw new ParameterException(spec.commandLine(), "--format json is rtlamr's own output: use ilp or text");
        }
        RtlamrFeed feed;
        try {
            feed = command != null ? new CommandFeed(List.of(command.trim().split("\\s+")))
                    : tcp != null ? new TcpFeed(tcp) : new StreamFeed(System.in, "standard input");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        MeterChoice choice = meters == null || meters.isEmpty() ? MeterChoice.EVERY_METER : new MeterChoice(Set.copyOf(meters), false);
        PrintWriter out = spec.commandLine().getOut();
        RtlamrSource source = new RtlamrSource(feed, new RtlamrSource.Settings(choice, silence,
                new Backoff(RtlamrConfig.DEFAULT_RESTART_BACKOFF, Duration.ofMinutes(1)), 64 * 1024), reading -> print(out, reading),
                Clock.systemUTC());
        UntilStopped until = new UntilStopped();
        Thread ended = new Thread(() -> {
            try {
                source.awaitStopped();
                until.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "metertap-rtlamr-end");
        ended.setDaemon(true);
        try {
            source.start();
            ended.start();
            until.await(duration);  // or, on standard input, until its end
        } finally {
            ended.interrupt();
            source.close();
            out.flush();
            printSummary(source.health().stats(), source.health().restarts());
            until.close();
        }
        return 0;
    }

    private void print(PrintWriter out, Reading reading) {
        synchronized (out) {
            out.println(format == ReadingFormat.TEXT ? ReadingFormat.text(reading) : ReadingFormat.ilp(reading));
            out.flush();
        }
    }

    private void printSummary(RtlamrStats stats, long restarts) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("metertap: rtlamr messages %d, lines skipped %d, repeats suppressed %d, totals going backwards %d, "
                        + "other meters' messages %d, readings %d, restarts %d%n", stats.messages(), stats.notRtlamr(),
                stats.repeats(), stats.backwards(), stats.othersHeard(), stats.readings(), restarts);
        if (!stats.heardMeters().isEmpty()) {
            err.println("metertap: meters heard (id: messages):");
            stats.heardMeters().entrySet().stream()
                    .sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> err.printf("  %d: %d%n", e.getKey(), e.getValue()));
        }
        err.flush();
    }
}
