package dev.metertap.collector.cli;

import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.report.BaselineSource;
import dev.metertap.collector.report.HtmlReport;
import dev.metertap.collector.report.JsonReport;
import dev.metertap.collector.report.Report;
import dev.metertap.collector.report.ReportCalculator;
import dev.metertap.collector.report.ReportScope;
import dev.metertap.collector.report.TextReport;
import dev.metertap.collector.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code metertap report}: the baseline-load report from the store. */
@Command(name = "report",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the report was written", "2:a bad option or configuration, no store, or nothing in it to report on"},
        mixinStandardHelpOptions = true,
        description = {"How much energy the house uses and whether its always-on (baseline) load is reasonable.",
                "It shows daily energy from the EMU-2 and PG&E, each night's baseline with its trend and yearly cost,",
                "demand by hour of day, the largest sustained loads, EMU-2 versus PG&E by hour and by day.",
                "Days are whole local days in --zone. How each figure is computed: the README, \"The baseline-load report\"."},
        footer = {"", "Examples:",
                "  metertap report",
                "  metertap report --from 2026-10-01 --to 2026-11-01 \\",
                "      --format html --out october.html",
                "  metertap report --from 2026-11-01 --format json --out report.json \\",
                "      --store /var/lib/metertap/metertap.db",
                "  metertap report --meter 0x00135001000c3f4e --usage-point 1234567890 \\",
                "      --zone America/Los_Angeles"})
public final class ReportCommand implements Callable<Integer> {

    enum Format { text, html, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Option(names = "--from", paramLabel = "DAY", converter = DayConverter.class, description = "First local day, inclusive (2026-11-01). Default: the first stored reading's day.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", converter = DayConverter.class, description = "Last local day, exclusive (2026-12-01). Default: the day after the last stored reading.")
    LocalDate to;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|html|json", description = "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "Time zone of days, nights and hours of day. Default: report.zone of the configuration, else America/Los_Angeles.")
    ZoneId zone;

    @Option(names = "--meter", paramLabel = "MAC", description = "Only this EMU-2 meter (MeterMacId). Default: every meter in the store.")
    String meter;

    @Option(names = "--usage-point", paramLabel = "ID", description = "Only this PG&E usage point. Default: every electricity usage point.")
    String usagePoint;

    @Option(names = "--source", defaultValue = "auto", paramLabel = "auto|emu2|pge",
            description = {"Where the always-on load is measured: the EMU-2, PG&E's intervals, or (auto) whichever covers",
                    "more nights, each night from the other when the first has no data for it. Default: ${DEFAULT-VALUE}."})
    BaselineSource source;

    @Override
    public Integer call() {
        return Failures.explained(spec, this::report);
    }

    private int report() {
        MetertapConfig config = options.loadConfig();
        try (Store store = Store.openReadOnly(options.storePath(config))) {
            ReportScope scope = ReportScope.ofStore(store, from, to == null ? null : to.minusDays(1),
                    zone != null ? zone : config.report().zoneId(), meter, usagePoint, source);
            Report report = new ReportCalculator(store).calculate(scope, config.report().configuredTariff().orElse(null));
            if (out == null) {
                render(report, spec.commandLine().getOut());
            } else {
                try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                    render(report, file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
                }
                spec.commandLine().getErr().println("metertap: wrote the " + format + " report to " + out);
            }
        }
        return 0;
    }

    private void render(Report report, PrintWriter writer) {
        switch (format) {
            case text -> TextReport.write(report, writer);
            case html -> HtmlReport.write(report, writer);
            case json -> {
                JsonReport.write(report, writer);
                writer.println();
            }
        }
        writer.flush();
    }
}
