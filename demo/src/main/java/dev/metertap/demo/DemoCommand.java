package dev.metertap.demo;

import dev.metertap.collector.cli.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metertap demo}: the whole system on one machine, with no hardware and no servers. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts a virtual EMU-2 on a pseudo-terminal and a mock of PG&E's Share My Data in this process "
                + "(with a freshly made certificate kit), and runs the real collector against both into its embedded store: "
                + "the EMU-2 live over the serial port, PG&E's recent days by backfill over mutual TLS with a notification "
                + "round trip. Shows a live status line (a line every 5 s when the output is not a terminal) and ends with a summary."},
        footer = {"", "Examples:", "  metertap demo", "  metertap demo --duration 2h --speed 600", "  metertap demo --dir /tmp/demo"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "24h", converter = DurationConverter.class,
            description = "Simulated time the EMU-2 runs, ending now (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "3600",
            description = "Simulated seconds per wall second (default: ${DEFAULT-VALUE}: a day in 24 s).")
    double speed;

    @Option(names = "--dir", defaultValue = "metertap-demo",
            description = "Where the store, the PG&E client kit and the serial port link go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--backfill-days", defaultValue = "7", description = "Days of PG&E history to backfill (default: ${DEFAULT-VALUE}).")
    int backfillDays;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the virtual household (default: ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String[] args) {
        // the status line is the output: library chatter only when something is wrong
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DemoRun.Progress progress = System.console() != null ? DemoRun.Progress.LIVE : DemoRun.Progress.LOG;
        DemoRun.Summary summary = new DemoRun(new DemoRun.Settings(dir.toAbsolutePath(), duration, speed, seed, backfillDays, progress),
                System.out).run();
        System.out.printf("""

                metertap demo finished in %d s of wall time.
                  EMU-2:  %d readings stored from %d fragments (%d cut short by the device and skipped)
                  PG&E:   %d interval readings backfilled in %d request(s)
                  base load (always-on): %s
                  store:  %s
                  PG&E client kit: %s
                Look at them:
                  ./metertap store stats --store %s
                  ./metertap report --help
                """, summary.wall().toSeconds(), summary.liveReadings(), summary.fragments(), summary.clobbered(),
                summary.backfill().readings(), summary.backfill().requests(), summary.baseLoadKw().map(kw -> "about " + kw.toPlainString() + " kW")
                        .orElse("unknown (the house exported all along: run longer)"),
                summary.store(), summary.kit(), summary.store());
        return summary.backfill().succeeded() ? 0 : 1;
    }
}
