package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.emu2.transport.UsbSerialPortFinder;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.run.StatusServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code metertap run}: the long-running collector, until SIGTERM or Ctrl-C. */
@Command(name = "run",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "1:no EMU-2 found on USB (when emu2.port is not set); systemd tries again", "2:a bad configuration (unknown key, missing file, status port in use), or a store that cannot be used or that another metertap writes to"},
        mixinStandardHelpOptions = true,
        description = {
                "Runs the collector: reads the EMU-2 (polling its summation and price), stores every reading, forwards "
                        + "stored readings to the configured sinks, and, with schedule.pge-daily-bulk-at, asks PG&E for the "
                        + "last pge-days days as it starts and again every day at that local time in report.zone.",
                "Serves /status (JSON) and /metrics (Prometheus text) on status.bind:status.port (default 127.0.0.1:9464).",
                "SIGTERM or Ctrl-C stops it cleanly: it stops reading, stores what it read, lets every sink it can reach "
                        + "deliver everything stored (a sink that is down keeps the rest in the store for the next start), closes "
                        + "the store; exit status 0.",
                "Secrets come only from environment variables or files named in the configuration."},
        footer = {"", "Examples:",
                "  metertap run",
                "  metertap run -c /etc/metertap/metertap.yml",
                "  curl -s localhost:9464/status",
                "", "Configuration (all optional; see the README for store, sinks and pge):",
                "  emu2:     {port: /dev/emu2, summation-poll: 60s, price-poll: 5m,",
                "             max-fragment-bytes: 16384}",
                "  status:   {bind: 127.0.0.1, port: 9464}",
                "  schedule: {pge-daily-bulk-at: \"06:30\", pge-days: 3}   # 06:30 in report.zone"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration. Default: ./metertap.yaml when it exists, else built-in defaults.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        try {
            return Failures.explained(spec, this::collect);
        } catch (IllegalArgumentException e) {
            // an EMU-2 that cannot be found or a bad port spec is as much the user's to fix as the file
            spec.commandLine().getErr().println("metertap: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }

    private int collect() {
        MetertapConfig loaded = load(new ConfigLoader(System.getenv()));
        Collector.Seams seams = Collector.Seams.production(System.out);
        if (loaded.emu2().port() == null || loaded.emu2().port().isBlank()) {
            Optional<Endpoint> found = new UsbSerialPortFinder().findEmu2().map(Endpoint::new);
            if (found.isEmpty()) {
                // not a configuration error: systemd's Restart=on-failure tries again until the EMU-2 is plugged in
                spec.commandLine().getErr().println("metertap: no EMU-2 found on USB (04B4:0003); plug it in, or set emu2.port "
                        + "(/dev/emu2 with the udev rule, /dev/ttyACM0, tcp://HOST:PORT)");
                spec.commandLine().getErr().flush();
                return 1;
            }
            seams = seams.withEmu2(found.get());
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Collector collector = Collector.assemble(loaded, seams);
             StatusServer status = StatusServer.bind(loaded.status().bind(), loaded.status().port(), collector::status)) {
            // handled, not left to the JVM: its default ends the process with 143 before we have closed anything
            Signal.handle(new Signal("TERM"), signal -> stop.countDown());
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            collector.start();
            status.start();
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private MetertapConfig load(ConfigLoader loader) {
        if (config != null) {
            return loader.load(config);
        }
        return Files.exists(StoreOptions.DEFAULT_CONFIG) ? loader.load(StoreOptions.DEFAULT_CONFIG) : MetertapConfig.DEFAULTS;
    }
}
