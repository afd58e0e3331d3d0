package dev.metertap.demo;

import dev.metertap.collector.cli.DurationConverter;
import dev.metertap.collector.report.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code metertap demo}: the whole system on one machine, with no hardware and no servers. */
@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {"Starts a virtual EMU-2 on a pseudo-terminal and a mock of PG&E's Share My Data in this process "
                + "(with a freshly made certificate kit), writes a metertap.yaml for them, and runs the collector that "
                + "'metertap run' runs, configured by that file: the EMU-2 live over the serial port into the store and "
                + "its sink, PG&E's recent days by backfill over mutual TLS with a notification round trip. Shows a live "
                + "status line (a line every 5 s when the output is not a terminal) and ends with a summary.",
                "Each run starts with an empty store unless --keep-store. Ctrl-C stops it with the summary so far.",
                "Exit status: 0 done; 1 the demo could not finish (PG&E's history incomplete, say); 2 a bad option; "
                        + "130 stopped by Ctrl-C."},
        footer = {"", "Examples:", "  metertap demo", "  metertap demo --duration 2h --speed 600", "  metertap demo --dir /tmp/demo"})
public final class DemoCommand implements Callable<Integer> {

    static final Duration SHORTEST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(30);
    static final int MOST_BACKFILL_DAYS = 366;
    /** Characters a shell takes literally: a path with others is quoted in the commands the summary suggests. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "24h", converter = DurationConverter.class,
            description = "Simulated time the EMU-2 runs, ending now: 1m to 30d (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "3600",
            description = "Simulated seconds per wall second (default: ${DEFAULT-VALUE}: a day in 24 s). "
                    + "The device waits for the collector, so the status line says when this is not reached.")
    double speed;

    @Option(names = "--dir", defaultValue = "metertap-demo",
            description = "Where the store, metertap.yaml, the PG&E client kit and the serial port link go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--backfill-days", defaultValue = "7",
            description = "Days of PG&E history to backfill, 1 to " + MOST_BACKFILL_DAYS + " (default: ${DEFAULT-VALUE}).")
    int backfillDays;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the virtual household (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Also write everything the virtual EMU-2 wrote and was asked, as JSON lines, to FILE.")
    Path journal;

    @Option(names = "--keep-store", description = "Add to the store of an earlier run instead of starting with an empty one.")
    boolean keepStore;

    public static void main(String[] args) {
        // the status line is the output: library chatter only when something is wrong
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command as {@code main} runs it: a bad option or a failure is one line on {@code err}, never a stack trace. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new DemoCommand()).setOut(out).setErr(err);
        command.setParameterExceptionHandler((e, args) -> {
            String message = e.getMessage() == null ? "bad option" : e.getMessage().lines().findFirst().orElse("bad option");
            e.getCommandLine().getErr().println("metertap demo: " + message + " (see --help)");
            e.getCommandLine().getErr().flush();
            return 2;
        });
        command.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // looked up here, not in a static field: main must set the log level before the first logger exists
            Logger log = LoggerFactory.getLogger(DemoCommand.class);
            log.debug("the demo failed", e);
            String message = e instanceof DemoFailure || e.getMessage() != null ? e.getMessage()
                    : "stopped by an unexpected error (rerun with -Dorg.slf4j.simpleLogger.defaultLogLevel=debug for details)";
            commandLine.getErr().println("metertap demo: " + message);
            commandLine.getErr().flush();
            return 1;
        });
        return command;
    }

    @Override
    public Integer call() throws Exception {
        check();
        PrintStream out = System.out;
        DemoRun.Progress progress = System.console() != null ? DemoRun.Progress.LIVE : DemoRun.Progress.LOG;
        DemoRun.Settings settings = new DemoRun.Settings(dir.toAbsolutePath().normalize(), duration,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), speed, seed, backfillDays,
                progress, Terminal.columns(System.getenv()), keepStore,
                Optional.ofNullable(journal).map(Path::toAbsolutePath));
        DemoRun.Summary summary = new DemoRun(settings, out, Interruption.onSigint()).run();
        out.print(summaryText(summary));
        out.flush();
        return exitCode(summary);
    }

    /** 130 after Ctrl-C, as a shell reports a program SIGINT ended; 1 when PG&E's history did not all arrive. */
    static int exitCode(DemoRun.Summary summary) {
        if (summary.interrupted()) {
            return 130;
        }
        return summary.backfill().map(b -> b.succeeded() ? 0 : 1).orElse(1);
    }

    private void check() {
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be from 1m to 30d, not " + Durations.spoken(duration));
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new ParameterException(spec.commandLine(), "--speed must be a positive number of simulated seconds per second, not "
                    + Durations.plain(speed));
        }
        if (backfillDays < 1 || backfillDays > MOST_BACKFILL_DAYS) {
            throw new ParameterException(spec.commandLine(), "--backfill-days must be from 1 to " + MOST_BACKFILL_DAYS + ", not "
                    + backfillDays);
        }
    }

    static String summaryText(DemoRun.Summary summary) {
        DemoFiles files = summary.files();
        String store = shell(files.store());
        StringBuilder text = new StringBuilder(System.lineSeparator());
        line(text, summary.interrupted()
                ? "metertap demo stopped by Ctrl-C after " + summary.wall().toSeconds() + " s; what it did so far:"
                : "metertap demo finished in " + summary.wall().toSeconds() + " s of wall time.");
        line(text, "  EMU-2:  %d readings stored from %d fragments (%d cut short by the device and skipped)".formatted(
                summary.liveReadings(), summary.fragments(), summary.clobbered()));
        summary.reachedSpeed().ifPresent(reached -> line(text,
                "  speed:  about %.0fx, not the %sx asked: the device waited for the collector to read and store".formatted(
                        reached, Durations.plain(summary.askedSpeed()))));
        line(text, summary.backfill().map(b -> "  PG&E:   %d interval readings backfilled in %d request(s)%s".formatted(
                b.readings(), b.requests(), b.succeeded() ? "" : "; " + b.incomplete().size() + " window(s) incomplete, "
                        + b.refused().size() + " refused")).orElse("  PG&E:   the backfill had not finished"));
        line(text, "  always-on load: " + summary.alwaysOn().map(Report.Baseline::verdict)
                .orElse("not measured: nothing was stored"));
        line(text, "  store:  " + files.store() + " (configured by " + files.config() + ")");
        line(text, "  sink:   line protocol in " + files.points());
        line(text, "  PG&E client kit: " + files.pgeKit());
        line(text, "Look at them:");
        line(text, "  ./metertap report --store " + store);
        line(text, "  ./metertap store stats --store " + store);
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append(System.lineSeparator());
    }

    /** A path as a shell command takes it: quoted when it has spaces or other special characters. */
    static String shell(Path path) {
        String text = path.toString();
        return SHELL_SAFE.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
