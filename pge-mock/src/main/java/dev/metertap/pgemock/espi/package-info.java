/**
 * The mock's ESPI data: a deterministic usage model, the ground truth of every interval, and PG&amp;E-shaped
 * documents (Green Button feed, BatchList, ServiceStatus, Authorization, sample data).
 *
 * <h2>Using it from the server</h2>
 * <ul>
 *   <li>{@link dev.metertap.pgemock.espi.UsageModel} is immutable. Corrections ({@code withCorrection}) and the data
 *       horizon ({@code withAvailableData}) return a new model: keep the current one in an {@code AtomicReference},
 *       swap it to re-publish corrected readings, and read it once per request so a feed and the ground truth
 *       asked for afterwards agree.</li>
 *   <li>{@link dev.metertap.pgemock.espi.FeedWriter#writeFeed} streams: hand it the response's {@code OutputStream}
 *       (not a byte array) or memory grows with the window again. Build it with the mock's own origin,
 *       {@code new FeedWriter(new EspiLinks("https://localhost:" + port, subscriptionId), clock)}, so links point at
 *       the mock. It never closes the stream; a client hanging up surfaces as the stream's {@code IOException}.</li>
 *   <li>Ask {@link dev.metertap.pgemock.espi.FeedWriter#hasData} before answering a bulk request: 204 when false.</li>
 *   <li>Ground truth: {@code trueIntervals} (starts inside the window) or {@code publishedIntervals} (everything an
 *       over-inclusive feed for the window carries). Values are kWh or therm with a fixed scale: compare with
 *       {@code compareTo}, not {@code equals}.</li>
 * </ul>
 *
 * <h2>Units as sent</h2>
 * Electricity: uom 72 (Wh), powerOfTenMultiplier -3, so the raw value is mWh and kWh = value × 10^-6. Gas: uom 169
 * (therm), multiplier -8. Cost: 1/100000 USD. These follow the field reference: value × 10^multiplier is in the uom.
 */
package dev.metertap.pgemock.espi;
