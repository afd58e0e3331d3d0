package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigException;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.config.MqttSinkConfig;
import dev.metertap.collector.config.SinkConfig;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.Sink;
import dev.metertap.collector.sink.SinkException;
import dev.metertap.collector.store.Batch;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code metertap sink replay}: sends a stored time range to a sink again. */
@Command(name = "sink",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:help shown", "2:an unknown command (replay is known)"},
        mixinStandardHelpOptions = true,
        description = "Works with the configured sinks.",
        subcommands = {SinkCommand.Replay.class},
        footer = {"", "Examples:", "  metertap sink replay --sink influx --from 2026-11-01 --to 2026-12-01"})
public final class SinkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            exitCodeListHeading = ExitStatus.HEADING,
            exitCodeList = {"0:every point in the range was sent", "1:the sink refused a batch, or stayed unreachable after retries", "2:a bad option or configuration, no such sink, or no store at the path"},
            description = {"Sends stored points in a time range to a sink again, in bounded batches (for a wiped or new database).",
                    "Safe to repeat: InfluxDB keeps one point per series and time. The sink's cursor does not move."},
            footer = {"", "Examples:",
                    "  metertap sink replay --sink influx --from 2026-11-01 --to 2026-12-01",
                    "  metertap sink replay --sink influx --series emu2_demand \\",
                    "      --from 2026-11-23 --to 2026-11-24 -c /etc/metertap/metertap.yaml",
                    "  metertap sink replay --sink telegraf \\",
                    "      --from 2026-11-23T08:00:00Z --to 2026-11-23T09:00:00Z"})
    static final class Replay implements Callable<Integer> {
        private static final int MAX_ATTEMPTS = 6;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions options;

        @Option(names = "--sink", required = true, paramLabel = "NAME", description = "A sink's name from the configuration.")
        String sinkName;

        @Option(names = "--series", paramLabel = "MEASUREMENT[,TAG=VALUE...]", description = "Only this series. Default: all.")
        String series;

        @Option(names = "--from", required = true, paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
                description = "Start, inclusive: 2026-11-23 (UTC midnight) or 2026-11-23T08:00:00Z.")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
                description = "End, exclusive.")
        Instant to;

        @Override
        public Integer call() {
            return Failures.explained(spec, this::replay);
        }

        private int replay() {
            MetertapConfig config = options.loadConfig();
            SinkConfig sinkConfig = config.sink(sinkName);
            if (sinkConfig instanceof MqttSinkConfig) {
                // replayed history would be published as the current state, older counters below the ones shown
                throw new ConfigException("sink '" + sinkName + "' is an mqtt sink: it carries the latest state, not history,"
                        + " so there is nothing to replay (it publishes the current state whenever it connects)");
            }
            Batching batching = config.batchingOf(sinkConfig);
            Backoff backoff = config.backoffOf(sinkConfig);
            PointQuery query = StoreCommand.query(series, from, to);
            PrintWriter err = spec.commandLine().getErr();
            // a stdout sink's points are this command's output
            PrintStream stdout = System.out;
            long started = System.nanoTime();
            long[] points = {0};
            try (Store store = Store.openReadOnly(options.storePath(config));
                 Sink sink = new ConfigLoader(System.getenv()).openSink(config, sinkName, stdout)) {
                try {
                    store.scanBatches(query, batching.maxPoints(), batching.maxBytes(), batch -> {
                        sendWithRetries(sink, batch, backoff, err);
                        points[0] += batch.size();
                    });
                } catch (ReplayFailed e) {
                    err.println("replay to sink '" + sinkName + "' stopped after " + points[0] + " points: " + e.getMessage());
                    return 1;
                }
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            err.printf("replayed %,d points to sink '%s' in %.1f s (%,.0f points/s)%n", points[0], sinkName, seconds, points[0] / seconds);
            err.flush();
            return 0;
        }

        private static void sendWithRetries(Sink sink, Batch batch, Backoff backoff, PrintWriter err) {
            for (int attempt = 1; ; attempt++) {
                try {
                    sink.send(batch);
                    return;
                } catch (SinkException e) {
                    if (!e.retryable() || attempt == MAX_ATTEMPTS) {
                        throw new ReplayFailed(e.getMessage());
                    }
                    Duration delay = backoff.delay(attempt);
                    err.println("retrying in " + delay.toMillis() + " ms: " + e.getMessage());
                    err.flush();
                    try {
                        TimeUnit.MILLISECONDS.sleep(delay.toMillis()); // backoff between retries, not a test wait
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new ReplayFailed("interrupted");
                    }
                }
            }
        }
    }

    private static final class ReplayFailed extends RuntimeException {
        ReplayFailed(String message) {
            super(message);
        }
    }
}
