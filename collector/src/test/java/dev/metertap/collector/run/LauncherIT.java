package dev.metertap.collector.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pi's launcher, {@code deploy/metertap.sh}, around the real jar, as the service runs it: the first clean
 * stop of {@code run} writes the class archive into the state directory, the next start maps it, and a new jar
 * makes the next clean stop write a new one. No EMU-2 is needed: {@code run} waits for its port.
 */
class LauncherIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Path LAUNCHER = Path.of("../deploy/metertap.sh").toAbsolutePath().normalize();

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
    void writesTheClassArchiveAtTheFirstCleanStopMapsItAfterwardsAndWritesANewOneForANewJar() throws Exception {
        Path jar = Files.copy(Path.of("target/metertap.jar"), dir.resolve("metertap.jar"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path archive = state.resolve("metertap.jsa");
        Path config = Files.writeString(dir.resolve("metertap.yml"), """
                store: {path: %s}
                emu2: {port: %s}
                status: {port: 0}
                sinks: [{name: out, type: stdout}]
                """.formatted(state.resolve("metertap.db"), dir.resolve("ttyNone")));

        assertThat(startAndStop(jar, state, config)).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).as("written at the clean stop").isNotEmptyFile();

        assertThat(startAndStop(jar, state, config)).contains("-XX:SharedArchiveFile=" + archive);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // an upgrade
        assertThat(startAndStop(jar, state, config)).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(startAndStop(jar, state, config)).contains("-XX:SharedArchiveFile=" + archive);
    }

    /** Runs {@code metertap run} through the launcher until it is collecting, then SIGTERM; the JVM's command line. */
    private String startAndStop(Path jar, Path state, Path config) throws Exception {
        ProcessBuilder launcher = new ProcessBuilder("sh", LAUNCHER.toString(), "run", "-c", config.toString());
        launcher.environment().put("STATE_DIRECTORY", state.toString());
        launcher.environment().put("METERTAP_JAR", jar.toString());
        launcher.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        child = launcher.start();
        ChildLines stdout = new ChildLines(child.getInputStream(), DEADLINE);
        ChildLines stderr = new ChildLines(child.getErrorStream(), DEADLINE);
        stderr.await(line -> line.contains("collecting into"), "metertap running");
        String commandLine = child.info().commandLine().orElseThrow(); // the launcher exec'ed the JVM in its place

        ChildLines.sigterm(child);
        assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", DEADLINE).isTrue();
        assertThat(child.exitValue()).as("exit status; stderr:%n%s", stderr.text()).isZero();
        assertThat(stdout.untilEnd()).as("stdout is the sink's alone: the JVM's own messages go to stderr").isEmpty();
        return commandLine;
    }
}
