package dev.metertap.pgemock.espi;

import static dev.metertap.pgemock.espi.Namespaces.ESPI;
import static dev.metertap.pgemock.espi.Namespaces.ESPI_PREFIX;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The body of PG&amp;E's notification: {@code <ns0:BatchList xmlns:ns0="http://naesb.org/espi">} with one
 * {@code resources} URL each. The caller decides the URLs (one per usage point, plus the
 * {@code correlationID=000000000-b} placeholder PG&amp;E adds since 2026).
 */
public final class BatchListWriter {

    private BatchListWriter() {
    }

    /** Does not close {@code out}. */
    public static void write(List<String> resourceUrls, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = AtomWriter.output().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeStartElement(ESPI_PREFIX, "BatchList", ESPI);
            xml.writeNamespace(ESPI_PREFIX, ESPI);
            for (String url : resourceUrls) {
                xml.writeStartElement(ESPI_PREFIX, "resources", ESPI);
                xml.writeCharacters(url);
                xml.writeEndElement();
            }
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }
}
