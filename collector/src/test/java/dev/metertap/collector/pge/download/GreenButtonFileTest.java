package dev.metertap.collector.pge.download;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GreenButtonFileTest {

    @Test
    void xmlIsToldByItsFirstCharacterAfterAByteOrderMarkAndWhiteSpace() throws IOException {
        assertKind("<?xml version=\"1.0\"?><feed/>", GreenButtonFile.Kind.ESPI_XML);
        assertKind("\uFEFF\n  <feed xmlns=\"http://www.w3.org/2005/Atom\"/>", GreenButtonFile.Kind.ESPI_XML);
        assertKind("", GreenButtonFile.Kind.ESPI_XML);
    }

    @Test
    void utf16IsXmlWithOrWithoutAByteOrderMark() throws IOException {
        assertBytesKind("\uFEFF<feed/>".getBytes(StandardCharsets.UTF_16BE), GreenButtonFile.Kind.ESPI_XML);
        assertBytesKind("<feed/>".getBytes(StandardCharsets.UTF_16LE), GreenButtonFile.Kind.ESPI_XML);
    }

    @Test
    void anythingElseIsACsvWhateverTheFileIsCalled() throws IOException {
        assertKind("\uFEFFName,JANE\nTYPE,DATE", GreenButtonFile.Kind.DOWNLOAD_CSV);
        assertKind("TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n", GreenButtonFile.Kind.DOWNLOAD_CSV);
    }

    @Test
    void theStreamGivesTheWholeFileAgain() throws IOException {
        String text = "Name,JANE\n" + "x".repeat(10_000);
        GreenButtonFile file = GreenButtonFile.sniff(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = file.stream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    private static void assertKind(String text, GreenButtonFile.Kind kind) throws IOException {
        assertBytesKind(text.getBytes(StandardCharsets.UTF_8), kind);
    }

    private static void assertBytesKind(byte[] bytes, GreenButtonFile.Kind kind) throws IOException {
        assertThat(GreenButtonFile.sniff(new ByteArrayInputStream(bytes)).kind()).isEqualTo(kind);
    }
}
