package dev.metertap.collector.pge.espi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The JDK's StAX reader, hardened and bounded: no DTD (a DOCTYPE is refused, so no entity is ever expanded or
 * fetched), no external entities, and limits on bytes, depth and text length. Names are matched by namespace URI and
 * local name, never by prefix. Element text is gathered into a reused buffer so numbers parse without a String.
 */
final class BoundedXml implements AutoCloseable {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ESPI = "http://naesb.org/espi";

    private final XMLStreamReader xml;
    private final EspiLimits limits;
    private int depth;
    private char[] text = new char[64];
    private int textLength;
    private int trimmedFrom;
    private int trimmedTo;

    private BoundedXml(XMLStreamReader xml, EspiLimits limits) {
        this.xml = xml;
        this.limits = limits;
    }

    static BoundedXml open(InputStream in, EspiLimits limits) throws EspiException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's own, never one from the classpath
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        try {
            // decoded and bounded before the parser sees a character: it holds a comment, PI or CDATA whole
            Reader characters = new MarkupBounds(StrictDecoding.open(new ByteLimitedStream(in, limits.maxBytes())),
                    limits.maxTextLength());
            return new BoundedXml(factory.createXMLStreamReader(characters), limits);
        } catch (XMLStreamException e) {
            throw failure(e);
        } catch (EspiException e) {
            throw e;
        } catch (IOException e) {
            throw new EspiException("cannot read the document: " + e.getMessage(), e);
        }
    }

    /** The next event; a DOCTYPE or an entity reference ends the document with a reason. */
    int next() throws EspiException {
        try {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > limits.maxDepth()) {
                        throw new EspiException("elements are nested deeper than the limit of " + limits.maxDepth());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.DTD -> throw new EspiException(MarkupBounds.DOCTYPE_REFUSED);
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new EspiException(
                        "the document references the entity '" + xml.getLocalName() + "', which is not allowed");
                default -> {
                }
            }
            return event;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    boolean hasNext() throws EspiException {
        try {
            return xml.hasNext();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    int depth() {
        return depth;
    }

    String namespace() {
        return xml.getNamespaceURI();
    }

    String localName() {
        return xml.getLocalName();
    }

    boolean isEspi() {
        return ESPI.equals(xml.getNamespaceURI());
    }

    boolean isAtom() {
        return ATOM.equals(xml.getNamespaceURI());
    }

    /** An attribute without a namespace (Atom's {@code rel}, {@code href}), trimmed, or null. */
    String attribute(String localName) throws EspiException {
        String value = xml.getAttributeValue(null, localName);
        if (value != null && value.length() > limits.maxTextLength()) {
            throw new EspiException("attribute '" + localName + "' is longer than the limit of "
                    + limits.maxTextLength() + " characters");
        }
        return value == null ? null : value.trim();
    }

    /**
     * Reads the current element's text up to its end tag into the buffer (child elements are skipped: lenient with
     * mixed content). Leaves the reader on the end tag.
     */
    void readText() throws EspiException {
        textLength = 0;
        int startDepth = depth;
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                if (depth == startDepth) {
                    appendText();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && depth < startDepth) {
                return;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new EspiException("the document ends inside an element");
            }
        }
    }

    private void appendText() throws EspiException {
        int length = xml.getTextLength();
        if (textLength + length > limits.maxTextLength()) {
            throw new EspiException("an element's text is longer than the limit of " + limits.maxTextLength()
                    + " characters");
        }
        if (textLength + length > text.length) {
            char[] bigger = new char[Math.max(text.length * 2, textLength + length)];
            System.arraycopy(text, 0, bigger, 0, textLength);
            text = bigger;
        }
        System.arraycopy(xml.getTextCharacters(), xml.getTextStart(), text, textLength, length);
        textLength += length;
    }

    /** Reads the element's text and marks it without surrounding white space, allocating nothing. */
    private void readTrimmedText() throws EspiException {
        readText();
        trimmedFrom = 0;
        trimmedTo = textLength;
        while (trimmedFrom < trimmedTo && text[trimmedFrom] <= ' ') {
            trimmedFrom++;
        }
        while (trimmedTo > trimmedFrom && text[trimmedTo - 1] <= ' ') {
            trimmedTo--;
        }
    }

    /** The element's text, trimmed. */
    String text() throws EspiException {
        readTrimmedText();
        int from = trimmedFrom;
        int to = trimmedTo;
        return new String(text, from, to - from);
    }

    /**
     * The element's text as a whole number, fast for plain digits; decimals and exponents go through
     * {@link java.math.BigDecimal} and are truncated toward zero. Null when the element is empty.
     *
     * @throws NumberFormatException when the text is not a number
     */
    Long longText() throws EspiException {
        readTrimmedText();
        int from = trimmedFrom;
        int to = trimmedTo;
        if (from == to) {
            return null;
        }
        long plain = PlainDigits.parse(text, from, to);
        if (plain != PlainDigits.NOT_PLAIN) {
            return plain;
        }
        return new java.math.BigDecimal(text, from, to - from).longValue();
    }

    /** The element's text as a decimal, null when empty. @throws NumberFormatException when not a number */
    java.math.BigDecimal decimalText() throws EspiException {
        readTrimmedText();
        int from = trimmedFrom;
        int to = trimmedTo;
        if (from == to) {
            return null;
        }
        long plain = PlainDigits.parse(text, from, to);
        return plain != PlainDigits.NOT_PLAIN ? java.math.BigDecimal.valueOf(plain)
                : new java.math.BigDecimal(text, from, to - from);
    }

    /** Skips the current element with everything inside it (still bounded). */
    void skipElement() throws EspiException {
        int startDepth = depth;
        while (depth >= startDepth) {
            if (next() == XMLStreamConstants.END_DOCUMENT) {
                throw new EspiException("the document ends inside an element");
            }
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // nothing held beyond the stream, which the caller owns
        }
    }

    /** A parser failure as a reason: our own limit when it caused it, else the parser's message without entities. */
    static EspiException failure(XMLStreamException e) {
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof EspiException espi) {
                return espi;
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Message: ")) {
            message = message.substring(message.indexOf("Message: ") + "Message: ".length());
        }
        message = inWords(message);
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")";
        return new EspiException("not well-formed XML" + where + ": " + message.strip(), e);
    }

    // the JDK's StAX gives namespace errors as a bare message key: …#ElementPrefixUnbound?ns1&ns1:entry
    private static final Pattern MESSAGE_KEY = Pattern.compile("^\\S*#(\\w+)\\?(\\S*)$");

    /** A parser message a person can read: namespace errors said in words, other bare keys without their URL. */
    private static String inWords(String message) {
        if (message.startsWith("XML document structures must start and end within the same entity")) {
            return "the document ends before its elements are closed (is the file cut short?)";
        }
        Matcher key = MESSAGE_KEY.matcher(message.strip());
        if (!key.matches()) {
            return message;
        }
        String[] args = key.group(2).split("&");
        return switch (key.group(1)) {
            case "ElementPrefixUnbound" -> args.length < 2 ? "an element's prefix is not declared"
                    : "the prefix '" + args[0] + "' of the element <" + args[1] + "> is not declared (no xmlns:"
                    + args[0] + "=\"…\" on it or around it)";
            case "AttributePrefixUnbound" -> args.length < 3 ? "an attribute's prefix is not declared"
                    : "the prefix '" + args[2] + "' of the attribute " + args[1] + " on <" + args[0]
                    + "> is not declared (no xmlns:" + args[2] + "=\"…\" on it or around it)";
            default -> key.group(1);
        };
    }

    private static Throwable next(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
