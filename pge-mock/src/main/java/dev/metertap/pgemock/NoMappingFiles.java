package dev.metertap.pgemock;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.util.List;

/**
 * Without {@code --root-dir}, no mapping files at all: WireMock would otherwise read {@code src/test/resources/mappings}
 * under whatever directory the mock was started in. Saving mappings keeps them in memory only.
 */
final class NoMappingFiles implements MappingsSource {

    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
    }

    @Override
    public void save(List<StubMapping> stubMappings) {
    }

    @Override
    public void save(StubMapping stubMapping) {
    }

    @Override
    public void remove(StubMapping stubMapping) {
    }

    @Override
    public void removeAll() {
    }
}
