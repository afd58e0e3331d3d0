package dev.metertap.collector.pge.notify;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the {@code resources} URLs of an ESPI {@code BatchList} (namespace {@code http://naesb.org/espi},
 * any prefix). StAX with DTDs and external entities off; a DTD at all is refused (billion laughs,
 * XXE), and so are too many URLs, too long ones and deep nesting.
 */
final class BatchListParser {

    static final String ESPI = "http://naesb.org/espi";
    static final int MAX_RESOURCES = 1000;
    static final int MAX_URL_CHARS = 4096;
    private static final int MAX_DEPTH = 8;
    private static final XMLInputFactory FACTORY = factory();

    private BatchListParser() {
    }

    /** @throws IllegalArgumentException why the body is not a BatchList this receiver accepts */
    static List<String> parse(byte[] body) {
        List<String> urls = new ArrayList<>();
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            boolean root = true;
            StringBuilder text = null;
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new IllegalArgumentException("a DOCTYPE is not allowed in a notification");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new IllegalArgumentException("entity references are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (depth > MAX_DEPTH) {
                            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " elements");
                        }
                        if (root) {
                            if (!ESPI.equals(xml.getNamespaceURI()) || !"BatchList".equals(xml.getLocalName())) {
                                throw new IllegalArgumentException("the root element is {" + xml.getNamespaceURI() + "}"
                                        + xml.getLocalName() + ", not an ESPI BatchList");
                            }
                            root = false;
                        } else if (depth == 2 && ESPI.equals(xml.getNamespaceURI()) && "resources".equals(xml.getLocalName())) {
                            text = new StringBuilder();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (text != null) {
                            text.append(xml.getText());
                            if (text.length() > MAX_URL_CHARS) {
                                throw new IllegalArgumentException("a resources URL is longer than " + MAX_URL_CHARS + " characters");
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == 2 && text != null) {
                            if (urls.size() == MAX_RESOURCES) {
                                throw new IllegalArgumentException("more than " + MAX_RESOURCES + " resources URLs");
                            }
                            urls.add(text.toString().strip());
                            text = null;
                        }
                        depth--;
                    }
                    default -> {
                        // comments, whitespace, processing instructions: nothing to take
                    }
                }
            }
            if (root) {
                throw new IllegalArgumentException("the body holds no XML element");
            }
            return urls;
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // not every StAX implementation knows it; DTDs are off anyway
        }
        return factory;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().reduce((a, b) -> b).orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
