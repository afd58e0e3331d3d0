package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/**
 * A command to the device, typed by the reply it expects: {@code client.send(new
 * GetInstantaneousDemand())} completes with an {@code InstantaneousDemand}. Commands the device
 * does not answer are typed {@code Void} and complete when one reply timeout passes without
 * {@code Unknown command}.
 *
 * @param <R> the reply's record type, or {@code Void}
 */
public sealed interface Emu2Command<R> permits Initialize, Restart, FactoryReset, GetConnectionStatus, GetDeviceInfo,
        GetSchedule, SetSchedule, SetScheduleDefault, GetMeterList, GetMeterInfo, GetNetworkInfo, SetMeterInfo, GetTime,
        GetMessage, ConfirmMessage, GetCurrentPrice, SetCurrentPrice, GetInstantaneousDemand, GetCurrentSummationDelivered,
        GetCurrentPeriodUsage, GetLastPeriodUsage, CloseCurrentPeriod, SetFastPoll, GetProfileData, NamedCommand {

    /** The command's name on the wire ({@code get_instantaneous_demand}). */
    String name();

    /** The meter it is for; empty for the device's only (or default) meter, and for device-wide commands. */
    default Optional<MacId> meter() {
        return Optional.empty();
    }

    /** Parameters other than the meter, in the order they are written. */
    default List<Param> parameters() {
        return List.of();
    }

    /** The reply's record type, or {@code Void.class} when the device sends none. */
    Class<R> replyType();

    default boolean expectsReply() {
        return replyType() != Void.class;
    }
}
