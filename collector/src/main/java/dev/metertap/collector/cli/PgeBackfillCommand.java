package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.Backfill;
import dev.metertap.collector.pge.backfill.BackfillException;
import dev.metertap.collector.pge.backfill.BackfillProgress;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.LoggedProgress;
import dev.metertap.collector.pge.backfill.SeriesGaps;
import dev.metertap.collector.pge.backfill.BulkSubscription;
import dev.metertap.collector.pge.backfill.TerminalProgressBar;
import dev.metertap.collector.run.PgeConnection;
import dev.metertap.collector.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code metertap pge backfill}: a range of Share My Data history into the store, resumable, with a gap report. */
@Command(name = "backfill",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:every window was answered", "1:some were not (run it again) or PG&E refused us", "2:a bad option or configuration (a receiver port in use too), or a store that cannot be used or that another metertap writes to"},
        mixinStandardHelpOptions = true,
        description = {"Fetches PG&E interval data for a range into the store: asks for it in large windows (halved when PG&E "
                + "refuses one as too large), several at once so that their waits overlap, fetches and stores every "
                + "resource notified on pge.notifications, and asks again when no notification comes in time.",
                "Finished windows are remembered in the store: run it again after an interruption and it asks only for the "
                + "rest. It ends with a summary and the gaps left per usage point, commodity and flow.",
                "--audit checks what the store holds instead and asks again only for the missing spans."},
        footer = {"", "Examples:",
                "  metertap pge backfill --from 2022-12-01 --to 2026-12-01",
                "  metertap pge backfill -c /etc/metertap/metertap.yaml \\",
                "      --from 2026-01-01 --to 2026-02-01",
                "  metertap pge backfill --from 2022-12-01 --to 2026-12-01 --audit",
                "  metertap pge backfill --from 2025-01-01 --to 2026-01-01 \\",
                "      --window 90d --notification-timeout 5m"})
final class PgeBackfillCommand implements Callable<Integer> {

    private static final int GAPS_SHOWN_PER_SERIES = 5;
    private static final String WHILE_COLLECTING = "stop it first (sudo systemctl stop metertap) and start it again after "
            + "the backfill, or, for the last few days only, let it fetch them itself (schedule.pge-daily-bulk-at)";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Option(names = "--from", required = true, paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
            description = "Start, inclusive: 2025-01-01 (UTC midnight) or 2025-01-01T08:00:00Z.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
            description = "End, exclusive.")
    Instant to;

    @Option(names = "--audit", description = "Ask again only for the spans the store lacks in the range.")
    boolean audit;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "365d",
            description = "Largest window asked for at once. Default: ${DEFAULT-VALUE}.")
    Duration window;

    @Option(names = "--notification-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "3m", description = "How long to wait for a notification before asking again. Default: ${DEFAULT-VALUE}.")
    Duration notificationTimeout;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Requests per window before leaving it to the next run. Default: ${DEFAULT-VALUE}.")
    int attempts;

    @Option(names = "--requests-in-flight", paramLabel = "N", defaultValue = "" + BackfillSettings.DEFAULT_REQUESTS_IN_FLIGHT,
            description = "Windows asked for before the first is answered, so their waits for PG&E's notifications overlap"
                    + " (1: one after another). Requests still keep to PG&E's 1 per second. Default: ${DEFAULT-VALUE}.")
    int requestsInFlight;

    @Override
    public Integer call() {
        return Failures.explained(spec, this::backfill);
    }

    private int backfill() {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
        TimeWindow range = new TimeWindow(from, to);
        BackfillSettings settings = new BackfillSettings(window, notificationTimeout, attempts, requestsInFlight);
        MetertapConfig config = options.loadConfig();
        Path storePath = options.store != null ? options.store : config.store().path();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        try (Store store = options.openForWriting(storePath, "metertap pge backfill", WHILE_COLLECTING);
             PgeConnection pge = PgeConnection.open(config, new ConfigLoader(System.getenv()), store, clock).start()) {
            BackfillSummary summary;
            if (System.console() != null) {
                TerminalProgressBar bar = new TerminalProgressBar(err, terminalColumns(System.getenv()));
                // the logger writes to System.err as it is at each line: through the bar, which clears itself first
                PrintStream logs = System.err;
                System.setErr(bar.beneath(logs));
                try {
                    summary = run(pge, range, settings, bar);
                } finally {
                    System.setErr(logs);
                }
            } else {
                summary = run(pge, range, settings, new LoggedProgress());
            }
            print(out, summary, pge.refusedNotifications().size());
            if (!summary.refused().isEmpty()) {
                err.println("metertap: PG&E refuses " + summary.refused().size() + " window(s) as too large even at "
                        + Backfill.MIN_WINDOW.toHours() + " hours, the smallest metertap asks for; asking again will not help: "
                        + "check PG&E's service status and the range");
            }
            if (!summary.incomplete().isEmpty()) {
                err.println("metertap: " + summary.incomplete().size() + " window(s) got no complete answer; run the same "
                        + "command again to ask for them (finished windows are not asked for again)");
            }
            err.flush();
            return summary.succeeded() ? 0 : 1;
        } catch (BackfillException e) {
            err.println("metertap: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private BackfillSummary run(PgeConnection pge, TimeWindow range, BackfillSettings settings, BackfillProgress progress) {
        return audit ? pge.audit(range, settings, progress) : pge.backfill(range, settings, progress);
    }

    /** The terminal's width as the shell exports it ({@code COLUMNS}), or the usual 80. */
    static int terminalColumns(Map<String, String> environment) {
        String columns = environment.getOrDefault("COLUMNS", "");
        return columns.matches("\\d{2,4}") ? Integer.parseInt(columns) : TerminalProgressBar.DEFAULT_COLUMNS;
    }

    static void print(PrintWriter out, BackfillSummary summary, int refused) {
        BulkSubscription subscription = summary.subscription();
        out.printf("%s %s (Bulk ID %s; usage points %s)%n", summary.audit() ? "audit" : "backfill", summary.range(),
                subscription.bulkId(), String.join(", ", subscription.usagePoints()));
        out.printf("windows        %d requested, %d re-requested, %d without data, %d split, %d incomplete%s%s%n",
                summary.requests(), summary.reRequests(), summary.noData(), summary.splits(), summary.incomplete().size(),
                summary.refused().isEmpty() ? "" : ", " + summary.refused().size() + " refused as too large",
                summary.alreadyDone() > 0 ? " (" + summary.alreadyDone() + " finished by earlier runs)" : "");
        out.printf("notifications  %d resource(s) fetched, %d failed, %d refused%n", summary.resourcesFetched(),
                summary.resourcesFailed(), refused);
        out.printf("intervals      %,d received, %,d new or corrected in the store%n", summary.readings(), summary.intervalsChanged());
        if (summary.gaps().complete()) {
            out.println("gaps           none");
        } else {
            out.printf("gaps           %,d interval(s) missing%n", summary.gaps().missingIntervals());
        }
        for (SeriesGaps series : summary.gaps().series()) {
            out.printf("  %s %s %s: %,d stored, %,d missing (%.1f days)%n", series.usagePoint(), series.commodity(), series.flow(),
                    series.stored(), series.missingIntervals(), series.missingDays());
            series.gaps().stream().limit(GAPS_SHOWN_PER_SERIES).forEach(gap -> out.printf("    missing %s%n", gap));
            if (series.gaps().size() > GAPS_SHOWN_PER_SERIES) {
                out.printf("    … and %d more%n", series.gaps().size() - GAPS_SHOWN_PER_SERIES);
            }
        }
        out.flush();
    }
}
