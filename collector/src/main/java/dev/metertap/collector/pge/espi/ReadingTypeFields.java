package dev.metertap.collector.pge.espi;

/**
 * The ReadingType fields that give interval values their meaning; every one optional, as in ESPI.
 *
 * @param commodity            1, 2 electricity; 7, 8 gas
 * @param flowDirection        1 delivered, 19 received
 * @param intervalLength       seconds, used when a reading's timePeriod has no duration
 * @param powerOfTenMultiplier value × 10^this is in the uom (0 when absent)
 * @param uom                  72 Wh, 169 therm
 * @param defaultQuality       used when a reading has no ReadingQuality
 * @param tou                  a tier for every reading of the type (0: none; readings carry their own)
 */
record ReadingTypeFields(Integer commodity, Integer flowDirection, Integer intervalLength, int powerOfTenMultiplier,
                         Integer uom, Integer defaultQuality, Integer tou) {
}
