/**
 * Green Button (NAESB ESPI) documents as PG&amp;E Share My Data serves them, read safely.
 *
 * <ul>
 *   <li>{@link dev.metertap.collector.pge.espi.EspiParser}: a feed's IntervalBlocks as
 *       {@link dev.metertap.collector.reading.IntervalReading}s (kWh or therm, exact), clipped to a window, each
 *       interval once (a correction later in the same feed passes again: an upserting store keeps the latest), with an
 *       {@link dev.metertap.collector.pge.espi.EspiSummary}.</li>
 *   <li>{@link dev.metertap.collector.pge.espi.AuthorizationParser}: the BulkID and usage points of a self-access
 *       client; {@link dev.metertap.collector.pge.espi.ServiceStatusParser}: {@code currentStatus}.</li>
 * </ul>
 *
 * <p>Every reader is the JDK's StAX with DTDs and external entities off (a DOCTYPE is refused with a reason), bounded
 * by {@link dev.metertap.collector.pge.espi.EspiLimits}, and matches names by namespace, never by prefix. A document
 * that cannot be read meaningfully raises {@link dev.metertap.collector.pge.espi.EspiException} whose
 * {@code reason()} is fit for a log line. Field reference: {@code shared/docs/pge-share-my-data.md}.
 */
package dev.metertap.collector.pge.espi;
