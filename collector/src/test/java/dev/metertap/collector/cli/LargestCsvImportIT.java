package dev.metertap.collector.cli;

import dev.metertap.collector.pge.download.DownloadCsvParser;
import dev.metertap.collector.run.ChildLines;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest CSV the parser accepts, solar at 15 minutes (two readings a row), imports whole at the deployed heap
 * ({@code -Xmx64m}) through a named pipe: the input is generated as it is read, never on disk.
 */
class LargestCsvImportIT {

    private static final Duration DEADLINE = Duration.ofMinutes(10); // a million SQLite rows on a loaded 2-core box
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final String HEADER = "TYPE,DATE,START TIME,END TIME,IMPORT (kWh),EXPORT (kWh),COST,NOTES";

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killLeftover() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void sevenYearsOfFifteenMinuteSolarRowsImportWithinTheDeployedHeap() throws Exception {
        Path fifo = dir.resolve("usage.csv");
        Path store = dir.resolve("metertap.db");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).as("mkfifo").isZero();
        long rows = DownloadCsvParser.MAX_LINES - 6; // the preamble and the header are lines too

        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), MetertapCommand.class.getName(), "pge", "import",
                fifo.toString(), "--usage-point", "5550000301", "--store", store.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread writer = new Thread(() -> write(fifo, rows), "csv-writer");
        writer.setDaemon(true);
        writer.start();
        List<String> stdout = new ChildLines(child.getInputStream(), DEADLINE).untilEnd();
        assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the child ended").isTrue();

        assertThat(child.exitValue()).as("exit status, stdout %s", stdout).isZero();
        assertThat(stdout).singleElement().asString().contains(String.format(": %,d readings ", rows * 2));
        try (Store opened = Store.openReadOnly(store)) {
            assertThat(opened.stats().points()).isEqualTo(rows * 2);
        }
    }

    /** Rows every 15 minutes of real local time from 2010-01-01: DST days come out as PG&amp;E writes them. */
    private static void write(Path fifo, long rows) {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(fifo),
                StandardCharsets.US_ASCII), 1 << 16)) {
            out.write("Name,JANE Q HOMEOWNER\nAddress,\"1 MAIN ST, OAKLAND CA\"\nAccount Number,1234567890\n"
                    + "Service,Service 1\n\n" + HEADER + "\n");
            Instant start = ZonedDateTime.of(2010, 1, 1, 0, 0, 0, 0, PACIFIC).toInstant();
            for (long i = 0; i < rows; i++) {
                ZonedDateTime local = start.plusSeconds(900 * i).atZone(PACIFIC);
                out.write("Electric usage," + local.toLocalDate() + "," + local.format(hhmm) + ","
                        + local.plusMinutes(14).format(hhmm) + "," + (i % 7) + ".25,0." + (i % 10) + ",$0.0" + (i % 9)
                        + ",\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
