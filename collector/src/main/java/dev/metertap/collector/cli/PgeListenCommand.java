package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.SeenNotifications;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metertap pge listen}: the notification receiver alone, printing what it accepts and refuses. */
@Command(name = "listen",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:stopped after --for or by Ctrl-C", "2:a bad configuration (no pge.notifications section, port in use)"},
        mixinStandardHelpOptions = true,
        description = {"Runs only the HTTPS notification receiver (pge.notifications) and prints each notified resource it "
                + "would follow and each notification it refuses, with the reason. Nothing is fetched or stored: use it "
                + "to check that PG&E reaches your Notification URI.",
                "Resources are followed only under pge.resource-base; PG&E's correlationID=000000000-b placeholder is skipped."},
        footer = {"", "Examples:",
                "  metertap pge listen",
                "  metertap pge listen -c /etc/metertap/metertap.yaml --for 10m"})
final class PgeListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (30s, 10m, 2h). Default: until interrupted (Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws IOException {
        ReceiverSettings settings;
        try {
            ConfigLoader loader = options.loader();
            settings = loader.notificationReceiver(options.load(loader));
        } catch (dev.metertap.collector.config.ConfigException e) {
            spec.commandLine().getErr().println("metertap: " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (UntilStopped until = new UntilStopped();
             NotificationReceiver receiver = new NotificationReceiver(settings, SeenNotifications.inMemory(), resource -> {
            synchronized (out) {
                out.printf("accepted %s correlationID=%s at %s%n", resource.url(), resource.correlationId(), resource.receivedAt());
                out.flush();
            }
        })) {
            receiver.onRefused(refusal -> {
                synchronized (out) {
                    out.printf("refused  %s: %s at %s%n", refusal.reason(), refusal.detail(), refusal.at());
                    out.flush();
                }
            });
            receiver.start();
            synchronized (out) {
                out.printf("listening on https://%s:%d (following only %s)%n", settings.bind().getHostString(), receiver.port(),
                        settings.allowedBase());
                out.flush();
            }
            until.await(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop: a normal end
        }
        return 0;
    }
}
