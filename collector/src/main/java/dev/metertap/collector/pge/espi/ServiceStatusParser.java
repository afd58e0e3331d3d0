package dev.metertap.collector.pge.espi;

import java.io.InputStream;
import javax.xml.stream.XMLStreamConstants;

/** Reads {@code <ServiceStatus xmlns="http://naesb.org/espi"><currentStatus>1</currentStatus></ServiceStatus>}. */
public final class ServiceStatusParser {

    static final EspiLimits LIMITS = EspiLimits.DEFAULTS.withMaxBytes(64 * 1024);

    private ServiceStatusParser() {
    }

    /**
     * @return {@code currentStatus}: 1 available, 0 unavailable (PG&amp;E's outage answer)
     * @throws EspiException when the document is hostile, not XML, or has no numeric currentStatus
     */
    public static int parse(InputStream in) throws EspiException {
        try (BoundedXml xml = BoundedXml.open(in, LIMITS)) {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.isEspi()
                        && "currentStatus".equals(xml.localName())) {
                    String text = xml.text();
                    try {
                        return Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw new EspiException("ServiceStatus currentStatus is not a number");
                    }
                }
            }
        }
        throw new EspiException("the document holds no espi:ServiceStatus currentStatus");
    }
}
