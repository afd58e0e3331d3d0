package dev.metertap.collector.pge.client;

import dev.metertap.collector.pge.PgeMockSettings;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a pge-mock scripted the WireMock way: a mapping file in the mock's root directory overrides
 * one resource, and the client reads the override (the mock's own model says PG&E is up).
 */
class ShareMyDataMappingOverrideIT {

    /** What a feature author writes to script an outage: ReadServiceStatus answers 0. */
    private static final String OUTAGE_MAPPING = """
            {
              "name": "PG&E outage: ReadServiceStatus reports 0",
              "request": {"method": "GET", "urlPath": "/GreenButtonConnect/espi/1_1/resource/ReadServiceStatus"},
              "response": {
                "status": 200,
                "headers": {"Content-Type": "application/xml"},
                "body": "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?><ServiceStatus xmlns=\\"http://naesb.org/espi\\"><currentStatus>0</currentStatus></ServiceStatus>"
              }
            }
            """;

    @Test
    void readsTheServiceStatusAMappingFileScripted(@TempDir Path rootDir) throws Exception {
        Files.createDirectories(rootDir.resolve("mappings"));
        Files.writeString(rootDir.resolve("mappings/outage.json"), OUTAGE_MAPPING);

        try (PgeMock pge = new PgeMock(PgeMockOptions.defaults().rootDir(rootDir)).start();
             ShareMyDataClient client = new ShareMyDataClient(settings(pge), Clock.systemUTC(), pause -> { })) {
            assertThat(pge.faults().serviceStatus()).as("the mock's own answer").isEqualTo(1);

            assertThat(client.serviceStatus()).isZero();
            assertThat(client.authorizations()).as("what the mapping leaves alone").extracting(a -> a.bulkId())
                    .containsOnly(pge.bulkId());
            pge.wireMock().verify(1, getRequestedFor(urlPathEqualTo("/GreenButtonConnect/espi/1_1/resource/ReadServiceStatus")));
        }
    }

    private static ShareMyDataSettings settings(PgeMock pge) {
        return PgeMockSettings.of(pge, Duration.ofSeconds(1), Duration.ofSeconds(20), 4);
    }
}
