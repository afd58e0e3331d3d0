package dev.metertap.pgemock.espi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ESPI ReadingType of one flow of one usage point, with PG&amp;E's choices: electricity in Wh with multiplier
 * -3 (so values are mWh), gas in therm with multiplier -8.
 */
public record ReadingType(
        int uom,
        int powerOfTenMultiplier,
        int commodity,
        int flowDirection,
        int intervalLength,
        int measuringPeriod,
        int timeAttribute,
        boolean perReadingTou) {

    public static final int UOM_WH = 72;
    public static final int UOM_THERM = 169;
    public static final int ACCUMULATION_INTERVAL_DELTA = 4;
    public static final int KIND_ENERGY = 12;
    public static final int CURRENCY_USD = 840;
    public static final int DATA_QUALIFIER_NORMAL = 12;
    public static final int DEFAULT_QUALITY_VALIDATED = 17;

    public static ReadingType of(UsagePointSpec point, Flow flow) {
        return switch (point.commodity()) {
            case ELECTRICITY -> new ReadingType(UOM_WH, -3, Commodity.ELECTRICITY.readingTypeCode(),
                    flow.flowDirection(), point.intervalSeconds(), point.intervalSeconds() == 900 ? 2 : 7, 0, true);
            case GAS -> new ReadingType(UOM_THERM, -8, Commodity.GAS.readingTypeCode(),
                    flow.flowDirection(), 86400, 4, 11, false);
        };
    }

    /** PG&amp;E's id shape: base64 of {@code uom:null:intervalLength:flowDirection}, e.g. {@code 72:null:3600:1}. */
    public String id() {
        String plain = uom + ":null:" + intervalLength + ":" + flowDirection;
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decimal places that turn a raw feed value into kWh or therm: Wh × 10^-3 is 10^-6 kWh; therm × 10^-8.
     */
    int unitScale() {
        return uom == UOM_WH ? 3 - powerOfTenMultiplier : -powerOfTenMultiplier;
    }

    /** The ground-truth quantity (kWh or therm) of a raw feed value. */
    public BigDecimal toUnit(long rawValue) {
        return BigDecimal.valueOf(rawValue, unitScale());
    }
}
