package dev.metertap.pgemock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import dev.metertap.pgemock.EspiResources.Resource;
import dev.metertap.pgemock.oauth.TokenEndpoint;
import java.util.Map;

/**
 * PG&E's answers as WireMock stubs, loaded with the mappings (and again on {@code POST /__admin/mappings/reset}).
 * They sit at priority {@value #PRIORITY}: a mapping file or an admin-API stub at WireMock's default priority (5), or
 * any number below 10, answers before them. Each carries metadata {@code "pge-mock": "built-in"}.
 */
final class BuiltInStubs implements MappingsLoaderExtension {

    /** Below WireMock's default, so that a user's stub wins. */
    static final int PRIORITY = 10;
    static final int UNKNOWN_PATH_PRIORITY = 100;
    private static final String PREFIX = PgeGateway.RESOURCE_PREFIX;

    @Override
    public String getName() {
        return "pge-built-in-stubs";
    }

    @Override
    public void loadMappingsInto(StubMappings stubs) {
        add(stubs, "PG&E token", any(urlPathEqualTo(TokenEndpoint.PRODUCTION_PATH)), aResponse().withTransformers(TokenEndpoint.NAME));
        add(stubs, "PG&E test token", any(urlPathEqualTo(TokenEndpoint.TEST_PATH)), aResponse().withTransformers(TokenEndpoint.NAME));
        resource(stubs, "ReadServiceStatus", urlPathEqualTo(PREFIX + "ReadServiceStatus"), Resource.SERVICE_STATUS);
        resource(stubs, "DownloadSampleData", urlPathEqualTo(PREFIX + "DownloadSampleData"), Resource.SAMPLE_DATA);
        resource(stubs, "Authorization", urlPathEqualTo(PREFIX + "Authorization"), Resource.AUTHORIZATION);
        resource(stubs, "Batch/Bulk/{BulkID}", urlPathMatching(PREFIX + "Batch/Bulk/[^/]+"), Resource.BULK);
        resource(stubs, "resources by id", urlPathMatching(PREFIX
                + "(Subscription|Batch/Subscription|ReadingType|LocalTimeParameters|Authorization|ApplicationInformation)/.+"),
                Resource.RESOURCE_TREE);
        MappingBuilder unknown = any(anyUrl()).atPriority(UNKNOWN_PATH_PRIORITY).withName("PG&E unknown path")
                .withMetadata(Map.of("pge-mock", "built-in")).willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/plain;charset=UTF-8")
                        .withBody("No listener for endpoint: {{request.path}}")
                        .withTransformers("response-template"));
        stubs.addMapping(unknown.build());
    }

    private static void resource(StubMappings stubs, String name,
            com.github.tomakehurst.wiremock.matching.UrlPattern url, Resource resource) {
        add(stubs, "PG&E " + name, any(url),
                aResponse().withTransformers(EspiResources.NAME).withTransformerParameter(EspiResources.RESOURCE, resource.name()));
    }

    private static void add(StubMappings stubs, String name, MappingBuilder mapping, ResponseDefinitionBuilder response) {
        stubs.addMapping(mapping.atPriority(PRIORITY).withName(name).withMetadata(Map.of("pge-mock", "built-in"))
                .willReturn(response).build());
    }
}
