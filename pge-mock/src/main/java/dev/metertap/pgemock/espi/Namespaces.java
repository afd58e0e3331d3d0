package dev.metertap.pgemock.espi;

/** The XML namespaces of a Green Button feed and the prefixes PG&amp;E writes for them. */
final class Namespaces {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ESPI = "http://naesb.org/espi";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** PG&amp;E's prefixes: clients must parse by namespace, and these make a prefix-bound parser fail elsewhere. */
    static final String ATOM_PREFIX = "ns1";
    static final String ESPI_PREFIX = "ns0";
    static final String XSI_PREFIX = "xsi";

    private Namespaces() {
    }
}
