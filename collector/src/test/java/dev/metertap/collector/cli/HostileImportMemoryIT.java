package dev.metertap.collector.cli;

import dev.metertap.collector.run.ChildLines;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile documents at the deployed heap ({@code -Xmx64m}): refused with one line, no OutOfMemoryError. */
class HostileImportMemoryIT {

    private static final Duration DEADLINE = Duration.ofMinutes(5); // a loaded 2-core box

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killLeftover() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COMMENT                | a comment is longer than the limit of 65536 characters",
            "PROCESSING_INSTRUCTION | a processing instruction is longer than the limit of 65536 characters",
            "CDATA                  | a CDATA section is longer than the limit of 65536 characters",
            "USAGE_POINTS           | the feed describes more than 10000 usage points, meter readings and reading types"})
    void isRefusedInOneLineWithinTheDeployedHeap(HostileFeeds feed, String reason) throws Exception {
        Path fifo = dir.resolve("feed.xml");
        Path store = dir.resolve("metertap.db");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).as("mkfifo").isZero();

        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), HostileImportMain.class.getName(), feed.name(),
                fifo.toString(), store.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> stderr = new ChildLines(child.getErrorStream(), DEADLINE).untilEnd();
        assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the child ended").isTrue();

        assertThat(String.join("\n", stderr)).doesNotContain("OutOfMemoryError");
        assertThat(stderr).as("stderr").singleElement().asString()
                .startsWith("metertap: " + fifo + ": " + reason)
                .doesNotContain("Exception").doesNotContain("java.");
        assertThat(child.exitValue()).isEqualTo(1);
        if (Files.exists(store)) {
            try (Store opened = Store.openReadOnly(store)) {
                assertThat(opened.stats().points()).as("nothing stored").isZero();
            }
        }
    }
}
