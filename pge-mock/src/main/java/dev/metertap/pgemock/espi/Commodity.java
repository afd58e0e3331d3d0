package dev.metertap.pgemock.espi;

/** What a usage point meters, with the ESPI codes that go with it. */
public enum Commodity {
    ELECTRICITY(0, 1, "kWh"),
    GAS(1, 7, "therm");

    private final int serviceCategoryKind;
    private final int readingTypeCode;
    private final String unit;

    Commodity(int serviceCategoryKind, int readingTypeCode, String unit) {
        this.serviceCategoryKind = serviceCategoryKind;
        this.readingTypeCode = readingTypeCode;
        this.unit = unit;
    }

    /** {@code UsagePoint/ServiceCategory/kind}: 0 electricity, 1 gas. */
    public int serviceCategoryKind() {
        return serviceCategoryKind;
    }

    /** {@code ReadingType/commodity}: 1 electricity, 7 natural gas. */
    public int readingTypeCode() {
        return readingTypeCode;
    }

    /** The unit of {@link TrueInterval#value()}: kWh or therm. */
    public String unit() {
        return unit;
    }
}
