package dev.metertap.collector.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code metertap store stats|export}: what the embedded store holds, and getting it out. */
@Command(name = "store",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:help shown", "2:an unknown command (stats and export are known)"},
        mixinStandardHelpOptions = true,
        description = "Inspects and exports the embedded store (SQLite).",
        subcommands = {StoreCommand.Stats.class, StoreCommand.Export.class},
        footer = {"", "Examples:",
                "  metertap store stats",
                "  metertap store export --series emu2_demand \\",
                "      --from 2026-11-01 --to 2026-12-01 --format csv > demand.csv"})
public final class StoreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            exitCodeListHeading = ExitStatus.HEADING,
            exitCodeList = {"0:the figures were printed", "2:a bad option or configuration, or no store at the path"},
            description = "Points per measurement with their time span, each sink's cursor and backlog, the file's size.",
            footer = {"", "Examples:", "  metertap store stats", "  metertap store stats --store /var/lib/metertap/metertap.db"})
    static final class Stats implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions options;

        @Override
        public Integer call() {
            return Failures.explained(spec, this::stats);
        }

        private int stats() {
            MetertapConfig config = options.loadConfig();
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Store.openReadOnly(options.storePath(config))) {
                StoreStats stats = store.stats();
                out.printf("store      %s (schema %d, %,d bytes)%n", store.path().toAbsolutePath(), stats.schemaVersion(), stats.fileBytes());
                out.printf("points     %,d%n", stats.points());
                for (StoreStats.MeasurementStats m : stats.measurements()) {
                    out.printf("  %-16s %,12d  %s .. %s%n", m.measurement(), m.points(), m.first(), m.last());
                }
                out.println("sinks");
                if (stats.sinks().isEmpty()) {
                    out.println("  (none has forwarded yet)");
                }
                for (StoreStats.SinkBacklog sink : stats.sinks()) {
                    out.printf("  %-16s cursor %,d, pending %,d%n", sink.sink(), sink.cursor(), sink.pending());
                }
            }
            out.flush();
            return 0;
        }
    }

    enum ExportFormat { csv, ilp, json }

    @Command(name = "export", mixinStandardHelpOptions = true,
            exitCodeListHeading = ExitStatus.HEADING,
            exitCodeList = {"0:the points were written (none, when the range holds none)", "2:a bad option or configuration, an unknown measurement, or no store at the path"},
            description = {"Writes stored points to stdout, in time order, streaming (any size).",
                    "csv: one row per point, a column per tag and field; ilp: InfluxDB line protocol; json: one object per line."},
            footer = {"", "Examples:",
                    "  metertap store export --series emu2_demand --from 2026-11-01 --to 2026-12-01",
                    "  metertap store export --series 'emu2_demand,meter=0x00135001000c3f4e' \\",
                    "      --from 2026-11-23T00:00:00Z --to 2026-11-24 --format csv",
                    "  metertap store export --series pge_interval,usage_point=1234567890 \\",
                    "      --from 2026-01-01 --to 2027-01-01 --format json",
                    "  metertap store export --format ilp | gzip > everything.lp.gz"})
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions options;

        @Option(names = "--series", paramLabel = "MEASUREMENT[,TAG=VALUE...]",
                description = "A measurement, optionally narrowed by tags (meter, usage_point…). Default: everything.")
        String series;

        @Option(names = "--from", paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
                description = "Start, inclusive: 2026-11-23 (UTC midnight) or 2026-11-23T08:00:00Z. Default: the beginning.")
        Instant from;

        @Option(names = "--to", paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
                description = "End, exclusive. Default: the end of time.")
        Instant to;

        @Option(names = "--format", defaultValue = "ilp", paramLabel = "csv|ilp|json", description = "Default: ${DEFAULT-VALUE}.")
        ExportFormat format;

        @Override
        public Integer call() {
            return Failures.explained(spec, this::export);
        }

        private int export() {
            MetertapConfig config = options.loadConfig();
            PointQuery query = query(series, from, to);
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Store.openReadOnly(options.storePath(config))) {
                switch (format) {
                    case ilp -> store.scan(query, point -> out.println(LineProtocol.encode(point)));
                    case json -> writeJson(store, query, out);
                    case csv -> writeCsv(store, query, out);
                }
            }
            out.flush();
            return 0;
        }

        private static void writeJson(Store store, PointQuery query, PrintWriter out) {
            ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            store.scan(query, point -> {
                ObjectNode node = json.createObjectNode();
                node.put("measurement", point.measurement());
                node.put("time", point.time().toString());
                ObjectNode tags = node.putObject("tags");
                point.tags().forEach(t -> tags.put(t.key(), t.value()));
                ObjectNode fields = node.putObject("fields");
                for (Field f : point.fields()) {
                    if (f.value() instanceof BigDecimal d) {
                        fields.put(f.key(), d);
                    } else if (f.value() instanceof Long l) {
                        fields.put(f.key(), l);
                    } else {
                        fields.put(f.key(), (String) f.value());
                    }
                }
                out.println(node);
            });
        }

        /** Two streaming passes: the first learns the columns, the second writes rows. */
        private static void writeCsv(Store store, PointQuery query, PrintWriter out) {
            Set<String> tagKeys = new LinkedHashSet<>();
            Set<String> fieldKeys = new LinkedHashSet<>();
            store.scan(query, point -> {
                point.tags().forEach(t -> tagKeys.add(t.key()));
                point.fields().forEach(f -> fieldKeys.add(f.key()));
            });
            List<String> header = new ArrayList<>(List.of("time", "measurement"));
            header.addAll(tagKeys);
            header.addAll(fieldKeys);
            out.println(String.join(",", header.stream().map(Export::csvCell).toList()));
            store.scan(query, point -> {
                Map<String, String> cells = new java.util.HashMap<>();
                for (Tag t : point.tags()) {
                    cells.put("t:" + t.key(), t.value());
                }
                for (Field f : point.fields()) {
                    cells.put("f:" + f.key(), f.value() instanceof BigDecimal d ? d.toPlainString() : f.value().toString());
                }
                StringBuilder row = new StringBuilder(point.time().toString()).append(',').append(csvCell(point.measurement()));
                tagKeys.forEach(k -> row.append(',').append(csvCell(cells.getOrDefault("t:" + k, ""))));
                fieldKeys.forEach(k -> row.append(',').append(csvCell(cells.getOrDefault("f:" + k, ""))));
                out.println(row);
            });
        }

        private static String csvCell(String text) {
            return text.contains(",") || text.contains("\"") || text.contains("\n")
                    ? '"' + text.replace("\"", "\"\"") + '"' : text;
        }
    }

    static PointQuery query(String series, Instant from, Instant to) {
        PointQuery all = PointQuery.everything();
        Instant start = from != null ? from : all.from();
        Instant end = to != null ? to : all.to();
        if (series == null) {
            return new PointQuery(null, Map.of(), start, end);
        }
        PointQuery query = PointQuery.series(series, start, end);
        if (!Reading.MEASUREMENTS.contains(query.measurement())) {
            // a typo would otherwise export nothing and look like an empty store
            throw new IllegalArgumentException("--series: unknown measurement '" + query.measurement() + "'; known: "
                    + String.join(", ", Reading.MEASUREMENTS));
        }
        return query;
    }
}
