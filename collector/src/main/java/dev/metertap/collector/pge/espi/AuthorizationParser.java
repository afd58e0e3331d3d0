package dev.metertap.collector.pge.espi;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;

/**
 * Reads the Authorization feed a self-access client gets from {@code …/resource/Authorization}: each
 * {@code espi:Authorization}'s {@code resourceURI} ({@code …/Batch/Bulk/{BulkID}}) and the usage points its entry
 * relates to.
 */
public final class AuthorizationParser {

    /** An Authorization feed is small: a few entries. */
    static final EspiLimits LIMITS = EspiLimits.DEFAULTS.withMaxBytes(16L * 1024 * 1024);

    private AuthorizationParser() {
    }

    /**
     * @return one per Authorization that names a resourceURI, in document order
     * @throws EspiException when the document is hostile, not XML, or holds no Authorization with a resourceURI
     */
    public static List<Authorization> parse(InputStream in) throws EspiException {
        List<Authorization> found = new ArrayList<>();
        try (BoundedXml xml = BoundedXml.open(in, LIMITS)) {
            Set<String> related = new LinkedHashSet<>();
            String resourceUri = null;
            boolean sawAuthorization = false;
            int entryDepth = -1;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (xml.isAtom() && "entry".equals(xml.localName())) {
                        entryDepth = xml.depth();
                        related.clear();
                        resourceUri = null;
                    } else if (xml.isAtom() && "link".equals(xml.localName()) && xml.depth() == entryDepth + 1
                            && "related".equals(xml.attribute("rel"))) {
                        String id = EntryLinks.usagePointIdIn(xml.attribute("href"));
                        if (id != null) {
                            related.add(id);
                        }
                    } else if (xml.isEspi() && "Authorization".equals(xml.localName())) {
                        sawAuthorization = true;
                    } else if (xml.isEspi() && "resourceURI".equals(xml.localName())) {
                        resourceUri = xml.text();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    boolean entryEnds = xml.depth() == entryDepth - 1;
                    boolean bareAuthorization = entryDepth < 0 && xml.isEspi() && "Authorization".equals(xml.localName());
                    if ((entryEnds || bareAuthorization) && resourceUri != null && !resourceUri.isEmpty()) {
                        found.add(new Authorization(resourceUri, EntryLinks.lastSegment(resourceUri), List.copyOf(related)));
                        resourceUri = null;
                    }
                    if (entryEnds) {
                        entryDepth = -1;
                    }
                }
            }
            if (found.isEmpty()) {
                throw new EspiException(sawAuthorization
                        ? "the Authorization has no resourceURI: the BulkID cannot be known"
                        : "the document holds no espi:Authorization");
            }
        }
        return found;
    }
}
