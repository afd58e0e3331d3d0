package dev.metertap.collector.pge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ResourceScopeTest {

    private final ResourceScope pge = new ResourceScope(URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resource"));

    @Test
    void acceptsUrlsUnderTheBase() {
        assertThat(pge.contains(URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098?correlationID=9f"))).isTrue();
        assertThat(pge.contains(URI.create("https://API.PGE.COM:443/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098"))).isTrue();
    }

    @Test
    void refusesEverythingElseWithTheReason() {
        assertThat(pge.refusal(URI.create("https://api.pge.com.evil.example/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1")))
                .contains("not the configured PG&E host");
        assertThat(pge.refusal(URI.create("https://api.pge.com:8443/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1")))
                .contains("not the configured PG&E host");
        assertThat(pge.refusal(URI.create("http://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1"))).isEqualTo("not https");
        assertThat(pge.refusal(URI.create("https://x@api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1")))
                .contains("user information");
        assertThat(pge.refusal(URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resourceX/a"))).contains("not under");
        assertThat(pge.refusal(URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resource/../../../datacustodian")))
                .contains("not under");
        assertThat(pge.refusal(URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resource/%2e%2e/x"))).contains("not under");
        assertThat(pge.refusal(URI.create("/GreenButtonConnect/espi/1_1/resource/a"))).isEqualTo("not an absolute URL");
    }
}
