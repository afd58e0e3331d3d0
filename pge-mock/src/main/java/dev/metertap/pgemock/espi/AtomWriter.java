package dev.metertap.pgemock.espi;

import static dev.metertap.pgemock.espi.Namespaces.ATOM;
import static dev.metertap.pgemock.espi.Namespaces.ATOM_PREFIX;
import static dev.metertap.pgemock.espi.Namespaces.ESPI;
import static dev.metertap.pgemock.espi.Namespaces.ESPI_PREFIX;
import static dev.metertap.pgemock.espi.Namespaces.XSI;
import static dev.metertap.pgemock.espi.Namespaces.XSI_PREFIX;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Streams Atom entries holding ESPI resources the way PG&amp;E writes them: prefixes {@code ns1} (Atom) and
 * {@code ns0} (ESPI), the Atom namespace re-declared on every entry, and redundant {@code xsi:type} attributes on
 * the Atom elements. Nothing is buffered beyond the StAX writer's own buffer.
 */
final class AtomWriter implements AutoCloseable {

    private final XMLStreamWriter xml;

    private AtomWriter(XMLStreamWriter xml) {
        this.xml = xml;
    }

    static AtomWriter on(OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = output().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
        xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        return new AtomWriter(xml);
    }

    /** A stable entry id: the same resource published at the same time gets the same UUID, so output is repeatable. */
    static String entryId(String selfHref, Instant published) {
        return UUID.nameUUIDFromBytes((selfHref + '|' + published).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The JDK's own StAX writer, never one found on the classpath (output stays byte-identical), and a fresh factory
     * per document because factories are not specified to be thread-safe.
     */
    static XMLOutputFactory output() {
        return XMLOutputFactory.newDefaultFactory();
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    void startFeed(String id, String title, Instant updated, String selfHref) throws XMLStreamException {
        xml.writeStartElement(ATOM_PREFIX, "feed", ATOM);
        xml.writeNamespace(ESPI_PREFIX, ESPI);
        xml.writeNamespace(ATOM_PREFIX, ATOM);
        atomText("id", id);
        xml.writeStartElement(ATOM_PREFIX, "title", ATOM);
        xml.writeAttribute("type", "text");
        xml.writeCharacters(title);
        xml.writeEndElement();
        atomText("updated", timestamp(updated));
        xml.writeEmptyElement(ATOM_PREFIX, "link", ATOM);
        xml.writeAttribute("href", selfHref);
        xml.writeAttribute("rel", "self");
    }

    /** PG&amp;E's bare empty answer: {@code <ns1:feed xmlns:ns1="http://www.w3.org/2005/Atom"/>}. */
    void bareFeed() throws XMLStreamException {
        xml.writeEmptyElement(ATOM_PREFIX, "feed", ATOM);
        xml.writeNamespace(ATOM_PREFIX, ATOM);
    }

    void startEntry(String id) throws XMLStreamException {
        xml.writeStartElement(ATOM_PREFIX, "entry", ATOM);
        xml.writeNamespace(ATOM_PREFIX, ATOM);
        typedAtomStart("id", "idType");
        xml.writeCharacters(id);
        xml.writeEndElement();
    }

    void link(String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement(ATOM_PREFIX, "link", ATOM);
        xml.writeAttribute("href", href);
        xml.writeAttribute("rel", rel);
        xsiType("linkType");
    }

    /** Title, published, updated and the opening of content with its ESPI resource element. */
    void startContent(String title, Instant published, String espiResource) throws XMLStreamException {
        xml.writeStartElement(ATOM_PREFIX, "title", ATOM);
        xml.writeAttribute("type", "text");
        xsiType("textType");
        xml.writeCharacters(title);
        xml.writeEndElement();
        String stamp = timestamp(published);
        typedAtomStart("published", "dateTimeType");
        xml.writeCharacters(stamp);
        xml.writeEndElement();
        typedAtomStart("updated", "dateTimeType");
        xml.writeCharacters(stamp);
        xml.writeEndElement();
        typedAtomStart("content", "contentType");
        xml.writeStartElement(ESPI_PREFIX, espiResource, ESPI);
        xml.writeNamespace(ESPI_PREFIX, ESPI);
    }

    /** Closes the ESPI resource, content and entry. */
    void endEntry() throws XMLStreamException {
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    void startEspi(String name) throws XMLStreamException {
        xml.writeStartElement(ESPI_PREFIX, name, ESPI);
    }

    void espi(String name, long value) throws XMLStreamException {
        espi(name, Long.toString(value));
    }

    void espi(String name, String text) throws XMLStreamException {
        xml.writeStartElement(ESPI_PREFIX, name, ESPI);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    void end() throws XMLStreamException {
        xml.writeEndElement();
    }

    /** Pushes what is written so far to the stream. */
    void flush() throws XMLStreamException {
        xml.flush();
    }

    /** Closes what is open (the feed) and flushes; does not close the caller's stream. */
    @Override
    public void close() throws XMLStreamException {
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }

    private void atomText(String name, String text) throws XMLStreamException {
        xml.writeStartElement(ATOM_PREFIX, name, ATOM);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private void typedAtomStart(String name, String type) throws XMLStreamException {
        xml.writeStartElement(ATOM_PREFIX, name, ATOM);
        xsiType(type);
    }

    private void xsiType(String type) throws XMLStreamException {
        xml.writeNamespace(XSI_PREFIX, XSI);
        xml.writeAttribute(XSI_PREFIX, XSI, "type", ATOM_PREFIX + ":" + type);
    }

    static IOException asIoException(XMLStreamException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e);
    }
}
