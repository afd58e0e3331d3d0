package dev.metertap.collector.cli;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code metertap store stats|export} and {@code report} run as a user who may read the store but not write its
 * directory (here: {@code nobody} via setpriv, since CI runs as root; a non-root run simply gets a 0555 directory),
 * with and without a collector writing next to it. They must read everything committed and create no file.
 */
class ReadOnlyStoreIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    /** The test classpath where nobody may read it: jars from ~/.m2 (mode 0700 under /root) are copied here. */
    @TempDir
    static Path shared;
    private static String classpath;

    @TempDir
    Path scratch;
    private Path storeDir;
    private Path db;

    @BeforeAll
    static void readableClasspath() throws IOException {
        if (ROOT) {
            assumeThat(Path.of("/usr/bin/setpriv")).as("setpriv (util-linux) drops root to nobody for the reader").exists();
        }
        worldReadable(shared);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = Files.copy(path, shared.resolve((n++) + "-" + path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry); // the build's own classes: the worktree is world-readable
            }
        }
        classpath = String.join(File.pathSeparator, entries);
    }

    @BeforeEach
    void seed() throws IOException {
        worldReadable(scratch);
        storeDir = Files.createDirectory(scratch.resolve("data"));
        db = storeDir.resolve("metertap.db");
        try (Store store = Store.open(db)) {
            store.appendAll(List.of(
                    new DemandReading("d1", "m1", T0, new BigDecimal("1.250")),
                    new LinkReading("d1", "m1", T0, "Connected", 90)));
        }
    }

    @Test
    void readsAStoreNobodyWritesFromADirectoryItMayNotWrite() throws Exception {
        readOnlyForOthers();
        List<String> before = listing(storeDir);
        assertThat(before).as("no live WAL: the immutable case").doesNotContain("metertap.db-wal");

        Child stats = asReader("store", "stats", "--store", db.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("points     2").contains("emu2_demand").contains("emu2_link");

        Child export = asReader("store", "export", "--store", db.toString(), "--format", "ilp");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out().lines()).containsExactly(
                "emu2_demand,device=d1,meter=m1 kw=1.250 1795420800",
                "emu2_link,device=d1,meter=m1 status=\"Connected\",link_strength=90i 1795420800");

        assertThat(listing(storeDir)).as("the reader wrote nothing").isEqualTo(before);
    }

    @Test
    void readsWhatARunningCollectorCommitsFromADirectoryItMayNotWrite() throws Exception {
        try (Store collector = Store.open(db, Store.COLLECTOR)) {
            collector.append(new DemandReading("d1", "m1", T0.plusSeconds(8), new BigDecimal("-0.500")));
            readOnlyForOthers();
            assertThat(listing(storeDir)).as("a live WAL: the mode=ro case").contains("metertap.db-wal", "metertap.db-shm");

            Child first = asReader("store", "export", "--store", db.toString(), "--series", "emu2_demand");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out().lines()).containsExactly(
                    "emu2_demand,device=d1,meter=m1 kw=1.250 1795420800",
                    "emu2_demand,device=d1,meter=m1 kw=-0.500 1795420808");

            collector.append(new DemandReading("d1", "m1", T0.plusSeconds(16), new BigDecimal("2.000")));
            Child second = asReader("store", "stats", "--store", db.toString());
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).contains("points     4");

            Child report = asReader("report", "--store", db.toString(), "--format", "json", "--zone", "UTC");
            assertThat(report.exit()).as("the report reads too; stderr: %s", report.err()).isZero();
            assertThat(report.out()).startsWith("{");
        }
    }

    @AfterEach
    void writableAgainForCleanUp() throws IOException {
        Files.setPosixFilePermissions(storeDir, PosixFilePermissions.fromString("rwx------"));
    }

    // --- helpers

    private record Child(int exit, String out, String err) {
    }

    /** Runs the CLI in a child JVM as a user who can read the store but not write its directory. */
    private Child asReader(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                MetertapCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(scratch.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the reader did not finish within " + DEADLINE + "; stderr: " + Files.readString(err));
        }
        return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The store's directory: readable and searchable by all, writable by nobody but its owner (and not at all when we are not root). */
    private void readOnlyForOthers() throws IOException {
        try (Stream<Path> files = Files.list(storeDir)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(storeDir, PosixFilePermissions.fromString(ROOT ? "rwxr-xr-x" : "r-xr-xr-x"));
    }

    private static void worldReadable(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
