package dev.metertap.collector.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.download.CsvException;
import dev.metertap.collector.pge.download.DownloadCsvParser;
import dev.metertap.collector.pge.download.GreenButtonFile;
import dev.metertap.collector.pge.espi.EspiException;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.espi.EspiSummary;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.IntervalReading.Commodity;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code metertap pge import FILE…}: saved Green Button files into the store, or printed: ESPI XML feeds, and PG&amp;E's
 * Download My Data CSV, told apart by their content.
 */
@Command(name = "import",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:every file was imported", "1:a file could not be read or parsed: nothing of it was imported (the others were)", "2:a bad option or configuration, or a store that cannot be used or that another metertap writes to"},
        mixinStandardHelpOptions = true,
        description = {
                "Reads saved Green Button files and stores their interval readings in the embedded store, creating "
                        + "it when needed: ESPI XML feeds (Share My Data, or 'Green Button Download My Data' in XML from "
                        + "any utility: kWh, therm, cost, quality, tou) and PG&E's Download My Data CSV (electric "
                        + "15-minute or hourly, solar import/export, gas daily), told apart by their content.",
                "An ESPI reading stored before is replaced when the file carries a corrected value. A CSV has no "
                        + "usage point id: give --usage-point, the id Share My Data uses for that meter, so the two "
                        + "forms store each interval once. A CSV reading only fills a gap: it never replaces a stored "
                        + "one (an ESPI reading carries quality, tou and exact cost; the CSV cents only). Local times of "
                        + "a CSV are in report.zone (or --zone). With --format the "
                        + "readings are printed to stdout instead and nothing is stored.",
                "Per file, a summary (readings, clipped, duplicates, corrected) goes to stdout when storing, to "
                        + "stderr when printing. A file imports whole or not at all: one that cannot be read to its end "
                        + "(truncated, badly encoded, hostile, a CSV line that is not a reading) is reported, "
                        + "nothing of it is stored or printed, and the "
                        + "others still import.",
                "The store has one writer: while 'metertap run' writes to it, stop the collector for the import."},
        footer = {"", "Examples:",
                "  metertap pge import ~/Downloads/pge_electric_interval_data_2024.xml",
                "  metertap pge import bulk-*.xml --from 2024-01-01 --to 2025-01-01",
                "  metertap pge import pge_usage_2022.csv --usage-point 5550000301",
                "  metertap pge import feed.xml --store /var/lib/metertap/metertap.db",
                "  metertap pge import feed.xml --format ilp \\",
                "      | influx write --bucket home --precision s",
                "  metertap pge import feed.xml --format json > readings.jsonl"})
final class PgeImportCommand implements Callable<Integer> {

    enum Format { ilp, json }

    private static final String WHILE_COLLECTING =
            "stop it first (sudo systemctl stop metertap), import, then start it again (sudo systemctl start metertap)";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "ESPI XML or Download My Data CSV files, as downloaded or fetched.")
    List<Path> files;

    @Option(names = "--usage-point", paramLabel = "ID", converter = UsagePointConverter.class,
            description = "The usage point a CSV's readings belong to (a CSV names none): the id Share My Data uses "
                    + "for that meter, as 'pge backfill' and an ESPI import list it. Required for CSV files; one "
                    + "meter per run (import the electric and the gas download in separate runs). ESPI files name "
                    + "their own.")
    String usagePoint;

    @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "The time zone of a CSV's local dates and times. Default: report.zone of the configuration "
                    + "(America/Los_Angeles).")
    ZoneId zone;

    @Option(names = "--format", paramLabel = "ilp|json",
            description = "Print instead of storing: ilp (line protocol, the README's pge_interval) or json (one "
                    + "object per line, as 'store export' writes it).")
    Format format;

    @Option(names = "--from", paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
            description = "Keep readings starting at or after: 2024-03-01 (UTC midnight) or 2024-03-01T08:00:00Z.")
    Instant from;

    @Option(names = "--to", paramLabel = "WHEN", converter = StoreOptions.InstantConverter.class,
            description = "Keep readings starting before this (exclusive).")
    Instant to;

    private MetertapConfig config;
    private Commodity runCommodity; // the commodity of the CSVs imported so far under --usage-point
    private Commodity fileCommodity;

    @Override
    public Integer call() {
        return Failures.explained(spec, this::importFiles);
    }

    private int importFiles() {
        Optional<TimeWindow> clip = from == null && to == null ? Optional.empty()
                : Optional.of(new TimeWindow(from != null ? from : Instant.MIN, to != null ? to : Instant.MAX));
        EspiParser parser = new EspiParser();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        if (format != null) {
            Function<IntervalReading, String> line = format == Format.ilp
                    ? reading -> LineProtocol.encode(reading.toPoint())
                    : reading -> json(reading.toPoint());
            for (Path file : files) {
                failed += printFile(parser, file, clip, line, out, err) ? 0 : 1;
            }
        } else {
            Path storePath = options.store != null ? options.store : config().store().path();
            try (Store store = options.openForWriting(storePath, "metertap pge import", WHILE_COLLECTING)) {
                for (Path file : files) {
                    failed += storeFile(parser, file, clip, store, out) ? 0 : 1;
                }
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Stores one file in one transaction: all its readings, or none when it cannot be read to its end. */
    private boolean storeFile(EspiParser parser, Path file, Optional<TimeWindow> clip, Store store, PrintWriter out) {
        long[] read = {0};
        EspiSummary[] summary = new EspiSummary[1];
        // unbuffered: BufferedInputStream asks available(), which a named pipe (<(curl …)) answers "Illegal seek"
        try (InputStream in = Files.newInputStream(file)) {
            GreenButtonFile sniffed = GreenButtonFile.sniff(in);
            boolean csv = sniffed.kind() == GreenButtonFile.Kind.DOWNLOAD_CSV;
            int changed = store.appendAllOrNothing(sink -> summary[0] = parse(parser, sniffed, clip, reading -> {
                read[0]++;
                sink.accept(reading);
            }), csv ? Store.OnConflict.KEEP_STORED : Store.OnConflict.REPLACE);
            fileImported();
            out.println(summaryLine(file, summary[0], csv
                    ? String.format("; %,d new in %s, %,d stored before and kept", changed, store.path(),
                    summary[0].readings() - changed)
                    : String.format("; %,d new or changed in %s", changed, store.path())));
            return true;
        } catch (IOException e) {
            failure(file, e, "stored", read[0]);
            return false;
        }
    }

    /** Prints one file's readings once it has been read to its end (spooled meanwhile); nothing when it cannot be. */
    private boolean printFile(EspiParser parser, Path file, Optional<TimeWindow> clip,
                              Function<IntervalReading, String> line, PrintWriter out,
                              PrintWriter report) {
        long[] read = {0};
        Path spool = null;
        try {
            spool = Files.createTempFile("metertap-import-", ".txt");
            EspiSummary summary;
            try (InputStream in = Files.newInputStream(file);
                 BufferedWriter spooled = Files.newBufferedWriter(spool)) {
                summary = parse(parser, GreenButtonFile.sniff(in), clip, reading -> {
                    read[0]++;
                    try {
                        spooled.write(line.apply(reading));
                        spooled.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw new IOException("cannot hold the readings in " + spool + ": " + e.getCause().getMessage(), e);
            }
            try (BufferedReader lines = Files.newBufferedReader(spool)) {
                for (String printed; (printed = lines.readLine()) != null; ) {
                    out.println(printed);
                }
            }
            out.flush();
            fileImported();
            report.println(summaryLine(file, summary, ""));
            return true;
        } catch (IOException e) {
            failure(file, e, "printed", read[0]);
            return false;
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // a leftover temporary file only
                }
            }
        }
    }

    /** Parses one file by its form: an ESPI feed, or a Download My Data CSV under --usage-point. */
    private EspiSummary parse(EspiParser parser, GreenButtonFile file, Optional<TimeWindow> clip,
                              Consumer<IntervalReading> sink) throws IOException {
        fileCommodity = null;
        if (file.kind() == GreenButtonFile.Kind.ESPI_XML) {
            return parser.parse(file.stream(), clip, sink);
        }
        if (usagePoint == null) {
            throw new CsvException("a Download My Data CSV does not say which usage point it is: give "
                    + "--usage-point ID, the id Share My Data uses for this meter (the summary of 'pge backfill' "
                    + "or of an ESPI import lists it)");
        }
        try {
            return new DownloadCsvParser(zone != null ? zone : config().report().zoneId())
                    .parse(file.stream(), usagePoint, clip, reading -> {
                        requireOneMeter(reading.commodity());
                        sink.accept(reading);
                    });
        } catch (AnotherMeter e) {
            throw e.reason;
        }
    }

    /** Out of the sink, which may not throw a checked exception. */
    private static final class AnotherMeter extends RuntimeException {
        final CsvException reason;

        AnotherMeter(CsvException reason) {
            super(reason);
            this.reason = reason;
        }
    }

    /** One --usage-point is one meter: a gas CSV after an electric one (or the reverse) would share its id. */
    private void requireOneMeter(Commodity commodity) {
        if (runCommodity != null && commodity != runCommodity) {
            throw new AnotherMeter(new CsvException(String.format("this is %s usage, but this run imported "
                    + "%s usage under --usage-point %s: import each service's download in its own run, with its own "
                    + "--usage-point", word(commodity), word(runCommodity), usagePoint)));
        }
        fileCommodity = commodity;
    }

    private void fileImported() {
        if (fileCommodity != null) {
            runCommodity = fileCommodity;
        }
    }

    private static String word(Commodity commodity) {
        return commodity == Commodity.GAS ? "gas" : "electric";
    }

    private MetertapConfig config() {
        if (config == null) {
            config = options.loadConfig();
        }
        return config;
    }

    /** A usage point id as a tag value: letters, digits and {@code . _ -}, as utilities write them. */
    static final class UsagePointConverter implements picocli.CommandLine.ITypeConverter<String> {
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

        @Override
        public String convert(String value) {
            if (!ID.matcher(value).matches()) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a usage point id: "
                        + "letters, digits, '.', '_' or '-', at most 64 (PG&E's are 10 digits)");
            }
            return value;
        }
    }

    private static String summaryLine(Path file, EspiSummary summary, String stored) {
        return String.format("%s: %,d readings%s, %,d clipped, %,d duplicates, %,d corrected%s", file,
                summary.readings(),
                summary.earliest().map(e -> " " + e + " .. " + summary.latest().orElseThrow()
                        + " (usage points " + String.join(", ", summary.usagePoints().stream().sorted().toList())
                        + ")").orElse(""),
                summary.clippedAway(), summary.duplicatesDropped(), summary.corrected(), stored);
    }

    /** One line: why, and that nothing of the file was kept, with how many readings had been read before. */
    private void failure(Path file, IOException e, String kept, long readBefore) {
        String why = e instanceof EspiException espi ? espi.reason()
                : e instanceof CsvException csv ? csv.reason()
                : e instanceof NoSuchFileException ? "no such file"
                : "cannot read: " + e.getMessage();
        String nothing = e instanceof NoSuchFileException ? ""
                : readBefore == 0 ? "; nothing " + kept + " from this file"
                : String.format("; nothing %s from this file (the %,d readings read before the error were dropped)",
                kept, readBefore);
        spec.commandLine().getErr().println("metertap: " + file + ": " + why + nothing);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The object {@code store export --format json} writes. */
    private static String json(Point point) {
        ObjectNode node = JsonNodeFactory.withExactBigDecimals(true).objectNode();
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
                fields.put(f.key(), String.valueOf(f.value()));
            }
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reading as JSON", e);
        }
    }
}
