package dev.metertap.simulator.cli;

import dev.metertap.simulator.endpoint.PortReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar runs: a serial port at the link, the control API, a journal file. */
class SimulatorJarIT {

    @Test
    void theJarServesASerialPortAndTheControlApi(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target/emu2-simulator.jar");
        assertThat(jar).exists();
        Path link = dir.resolve("ttyEMU2");
        Path journal = dir.resolve("run.jsonl");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--link", link.toString(), "--seed", "5", "--speed", "60",
                "--start", "2024-06-01T12:00:00Z", "--control-port", "0", "--journal", journal.toString(),
                "--fault", "nul-bytes=0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Ctrl-C")) {
                lines.add(line);
            }
            assertThat(lines).anyMatch(l -> l.contains("serial port: " + link));
            String control = lines.stream().filter(l -> l.contains("control API: ")).findFirst().orElseThrow()
                    .replaceFirst(".*control API: ", "").trim();
            try (PortReader port = PortReader.open(link, null)) {
                port.awaitText("</InstantaneousDemand>\r\n", Duration.ofSeconds(20));
            }
            HttpResponse<String> status = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(control)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.body()).contains("\"seed\":5", "\"nul-bytes\":0.1");
            // the Connected status was journalled (and flushed) before the demand fragment the port showed was even queued
            assertThat(Files.readString(journal)).contains("\"status\":\"Connected\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
