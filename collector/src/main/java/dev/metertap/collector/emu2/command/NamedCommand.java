package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.ConnectionStatus;
import dev.metertap.collector.emu2.wire.CurrentPeriodUsage;
import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.emu2.wire.DeviceInfo;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.LastPeriodUsage;
import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.MessageCluster;
import dev.metertap.collector.emu2.wire.MeterInfo;
import dev.metertap.collector.emu2.wire.MeterList;
import dev.metertap.collector.emu2.wire.NetworkInfo;
import dev.metertap.collector.emu2.wire.PriceCluster;
import dev.metertap.collector.emu2.wire.ProfileData;
import dev.metertap.collector.emu2.wire.ScheduleInfo;
import dev.metertap.collector.emu2.wire.TimeCluster;
import dev.metertap.collector.emu2.wire.UnknownFragment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A command given by name, as typed on the command line ({@code metertap emu2 send
 * get_meter_info --param MeterMacId=0x…}). Its reply type comes from the reference's table;
 * names not in the table expect no reply (the device answers {@code Unknown command} if it does
 * not know one either).
 */
public record NamedCommand(String name, Optional<MacId> meter, List<Param> parameters, Class<Emu2Message> replyType)
        implements Emu2Command<Emu2Message> {

    private static final Map<String, Class<? extends Emu2Message>> REPLIES = Map.ofEntries(
            Map.entry("get_connection_status", ConnectionStatus.class),
            Map.entry("get_device_info", DeviceInfo.class),
            Map.entry("get_schedule", ScheduleInfo.class),
            Map.entry("get_meter_list", MeterList.class),
            Map.entry("get_meter_info", MeterInfo.class),
            Map.entry("get_network_info", NetworkInfo.class),
            Map.entry("get_time", TimeCluster.class),
            Map.entry("get_message", MessageCluster.class),
            Map.entry("get_current_price", PriceCluster.class),
            Map.entry("get_instantaneous_demand", InstantaneousDemand.class),
            Map.entry("get_current_summation_delivered", CurrentSummationDelivered.class),
            Map.entry("get_current_period_usage", CurrentPeriodUsage.class),
            Map.entry("get_last_period_usage", LastPeriodUsage.class),
            Map.entry("get_profile_data", ProfileData.class),
            Map.entry("get_price_blocks", dev.metertap.collector.emu2.wire.BlockPriceDetail.class),
            Map.entry("get_billing_periods", UnknownFragment.class),
            Map.entry("get_fast_poll_status", UnknownFragment.class));

    /**
     * A command by name with {@code NAME=VALUE} parameters; {@code MeterMacId} becomes the meter.
     * Names are case-insensitive on the device; they are written in lower case.
     */
    @SuppressWarnings("unchecked")
    public static NamedCommand of(String name, Map<String, String> parameters) {
        String wireName = name.strip().toLowerCase(Locale.ROOT);
        if (!wireName.matches("[a-z_]{1,64}")) {
            throw new IllegalArgumentException("not a command name: " + name);
        }
        Optional<MacId> meter = Optional.empty();
        List<Param> params = new java.util.ArrayList<>();
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (!entry.getKey().matches("[A-Za-z]{1,64}")) {
                throw new IllegalArgumentException("not a parameter name: " + entry.getKey());
            }
            if (entry.getKey().equalsIgnoreCase("MeterMacId")) {
                meter = Optional.of(MacId.parse(entry.getValue()));
            } else {
                params.add(new Param(entry.getKey(), entry.getValue()));
            }
        }
        Class<? extends Emu2Message> reply = REPLIES.get(wireName);
        return new NamedCommand(wireName, meter, params, (Class<Emu2Message>) reply);
    }

    @Override
    public boolean expectsReply() {
        return replyType != null;
    }

    @Override
    public Class<Emu2Message> replyType() {
        return replyType;
    }
}
