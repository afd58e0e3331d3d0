package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/**
 * One fragment from the device, decoded: a record per root element, named after the wire.
 * Quantities keep their raw integers plus the scale; the {@code …Kw()}/{@code …Kwh()} accessors
 * give exact decimals.
 */
public sealed interface Emu2Message permits InstantaneousDemand, CurrentSummationDelivered, CurrentPeriodUsage,
        LastPeriodUsage, PriceCluster, TimeCluster, MessageCluster, ConnectionStatus, NetworkInfo, DeviceInfo,
        ScheduleInfo, MeterList, MeterInfo, ProfileData, BlockPriceDetail, Warning, DeviceError, UnknownFragment {

    /** The root element's name as the device writes it. */
    String rootName();

    /** The display that sent it, when the message names it. */
    default Optional<MacId> deviceMacId() {
        return Optional.empty();
    }

    /** The meter this message is about, when it names one. */
    default Optional<MacId> meterMacId() {
        return Optional.empty();
    }
}
