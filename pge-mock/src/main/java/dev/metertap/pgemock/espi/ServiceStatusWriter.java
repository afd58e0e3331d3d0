package dev.metertap.pgemock.espi;

import static dev.metertap.pgemock.espi.Namespaces.ESPI;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** {@code <ServiceStatus xmlns="http://naesb.org/espi"><currentStatus>1</currentStatus></ServiceStatus>}. */
public final class ServiceStatusWriter {

    public static final int AVAILABLE = 1;
    public static final int UNAVAILABLE = 0;

    private ServiceStatusWriter() {
    }

    /** @param currentStatus 1 available, 0 unavailable (PG&amp;E's outage answer); does not close {@code out} */
    public static void write(int currentStatus, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = AtomWriter.output().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeStartElement("", "ServiceStatus", ESPI);
            xml.writeDefaultNamespace(ESPI);
            xml.writeStartElement("", "currentStatus", ESPI);
            xml.writeCharacters(Integer.toString(currentStatus));
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }
}
