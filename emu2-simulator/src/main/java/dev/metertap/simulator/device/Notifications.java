package dev.metertap.simulator.device;

import dev.metertap.simulator.schedule.ScheduleEvent;
import dev.metertap.simulator.wire.DeviceTime;
import dev.metertap.simulator.wire.Fragment;
import dev.metertap.simulator.wire.Hex;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds each notification the device sends, children in the device's order at the device's widths. */
final class Notifications {

    /** The link to the meter as ConnectionStatus and NetworkInfo report it. */
    record Link(String status, int strength, long extPanId, int channel, int shortAddr) {
    }

    private static final String NO_TIME = "0xffffffff";
    private final DeviceIdentity identity;
    private final String device;

    Notifications(DeviceIdentity identity) {
        this.identity = identity;
        this.device = Hex.mac(identity.deviceMacId());
    }

    String device() {
        return device;
    }

    private Fragment.Builder start(String root, MeterState meter) {
        Fragment.Builder b = Fragment.builder(root).child("DeviceMacId", device);
        return meter == null ? b : b.child("MeterMacId", Hex.mac(meter.spec().macId()));
    }

    private static Fragment.Builder scaling(Fragment.Builder b, MeterState m) {
        return b.child("Multiplier", Hex.of(m.spec().multiplier(), 8))
                .child("Divisor", Hex.of(m.spec().divisor(), 8))
                .child("DigitsRight", "0x03")
                .child("DigitsLeft", "0x06")
                .child("SuppressLeadingZero", "Y");
    }

    private Notification of(Fragment.Builder b, MeterState m, Instant time, Map<String, BigDecimal> values, Map<String, String> text) {
        return new Notification(b.build(), m == null ? null : Hex.mac(m.spec().macId()),
                time == null ? null : Notification.secondsOf(time), values, text);
    }

    Notification demand(MeterState m) {
        Fragment.Builder b = start("InstantaneousDemand", m)
                .child("TimeStamp", DeviceTime.hex(m.demandAt()))
                .child("Demand", Hex.demand(m.demandRaw()));
        return of(scaling(b, m), m, m.demandAt(), Map.of("demand_kw", m.scaled(m.demandRaw())), Map.of());
    }

    Notification summation(MeterState m) {
        Fragment.Builder b = start("CurrentSummationDelivered", m)
                .child("TimeStamp", DeviceTime.hex(m.summationAt()))
                .child("SummationDelivered", Hex.of(m.summationDelivered(), 16))
                .child("SummationReceived", Hex.of(m.summationReceived(), 16));
        return of(scaling(b, m), m, m.summationAt(),
                Map.of("delivered_kwh", m.scaled(m.summationDelivered()), "received_kwh", m.scaled(m.summationReceived())), Map.of());
    }

    Notification currentPeriodUsage(MeterState m, Instant now) {
        Fragment.Builder b = start("CurrentPeriodUsage", m)
                .child("TimeStamp", DeviceTime.hex(now))
                .child("CurrentUsage", Hex.of(m.currentPeriodUsage(), 16));
        scaling(b, m).child("StartDate", DeviceTime.hex(m.periodStart()));
        return of(b, m, now, Map.of("usage_kwh", m.scaled(m.currentPeriodUsage())), Map.of());
    }

    Notification lastPeriodUsage(MeterState m) {
        Fragment.Builder b = start("LastPeriodUsage", m).child("LastUsage", Hex.of(m.lastPeriodUsage(), 16));
        scaling(b, m)
                .child("StartDate", m.lastPeriodStart() == null ? NO_TIME : DeviceTime.hex(m.lastPeriodStart()))
                .child("EndDate", m.lastPeriodEnd() == null ? NO_TIME : DeviceTime.hex(m.lastPeriodEnd()));
        return of(b, m, null, Map.of("usage_kwh", m.scaled(m.lastPeriodUsage())), Map.of());
    }

    Notification price(MeterState m, PriceBook.Price p, Instant now) {
        Fragment.Builder b = start("PriceCluster", m)
                .child("TimeStamp", DeviceTime.hex(now))
                .child("Price", Hex.of(p.amount(), 8))
                .child("Currency", Hex.of(PriceBook.USD, 4))
                .child("TrailingDigits", Hex.of(p.trailingDigits(), 2))
                .child("Tier", Hex.of(p.tier(), 2))
                .child("StartTime", p.start() == null ? NO_TIME : DeviceTime.hex(p.start()))
                .child("Duration", p.minutes() == null ? "0xffff" : Hex.of(p.minutes(), 4))
                .text("RateLabel", p.label());
        return of(b, m, now, Map.of("price", BigDecimal.valueOf(p.amount(), p.trailingDigits()),
                "tier", BigDecimal.valueOf(p.tier())), Map.of("label", p.label()));
    }

    Notification time(MeterState m, Instant now, ZoneId zone) {
        long utc = DeviceTime.seconds(now);
        long local = utc + zone.getRules().getOffset(now).getTotalSeconds();
        Fragment.Builder b = start("TimeCluster", m)
                .child("UTCTime", Hex.of(utc, 8))
                .child("LocalTime", Hex.of(local, 8));
        return of(b, m, now, Map.of("local_offset_s", BigDecimal.valueOf(local - utc)), Map.of());
    }

    Notification message(MeterState m, DeviceMessage msg, Instant now) {
        Fragment.Builder b = start("MessageCluster", m)
                .child("TimeStamp", DeviceTime.hex(now))
                .child("Id", Hex.of(msg.id(), 8))
                .text("Text", msg.text())
                .child("Priority", msg.priority())
                .child("StartTime", NO_TIME)
                .child("Duration", "0xffff")
                .child("ConfirmationRequired", msg.confirmationRequired() ? "Y" : "N")
                .child("Confirmed", msg.confirmed() ? "Y" : "N")
                .child("Queue", "Active");
        return of(b, m, now, Map.of("id", BigDecimal.valueOf(msg.id())),
                Map.of("text", msg.text(), "confirmed", msg.confirmed() ? "Y" : "N"));
    }

    Notification connection(MeterState m, Link link) {
        Fragment.Builder b = start("ConnectionStatus", m).child("Status", link.status());
        if (link.status().equals("Connected")) {
            b.child("Description", "Successfully Joined")
                    .child("StatusCode", "0x00")
                    .child("ExtPanId", Hex.mac(link.extPanId()))
                    .child("Channel", Integer.toString(link.channel()))
                    .child("ShortAddr", Hex.of(link.shortAddr(), 4));
        }
        b.child("LinkStrength", Hex.of(link.strength(), 2));
        return of(b, m, null, Map.of("link_strength", BigDecimal.valueOf(link.strength())), Map.of("status", link.status()));
    }

    Notification networkInfo(MeterState m, Link link) {
        Fragment.Builder b = Fragment.builder("NetworkInfo").child("DeviceMacId", device)
                .child("CoordMacId", Hex.mac(m.spec().macId()))
                .child("Status", link.status())
                .child("Description", link.status().equals("Connected") ? "Successfully Joined" : "")
                .child("ExtPanId", Hex.mac(link.extPanId()))
                .child("Channel", Integer.toString(link.channel()))
                .child("ShortAddr", Hex.of(link.shortAddr(), 4))
                .child("LinkStrength", Hex.of(link.strength(), 2));
        return of(b, null, null, Map.of("link_strength", BigDecimal.valueOf(link.strength())), Map.of("status", link.status()));
    }

    Notification deviceInfo(boolean dateCodeFf) {
        String dateCode = dateCodeFf ? "\u00ff".repeat(16) : identity.dateCode();
        Fragment.Builder b = Fragment.builder("DeviceInfo").child("DeviceMacId", device)
                .child("InstallCode", Hex.mac(identity.installCode()))
                .child("LinkKey", identity.linkKey())
                .child("FWVersion", identity.fwVersion())
                .child("HWVersion", identity.hwVersion())
                .child("ImageType", identity.imageType())
                .child("Manufacturer", identity.manufacturer())
                .child("ModelId", identity.modelId())
                .child("DateCode", dateCode);
        return of(b, null, null, Map.of(), Map.of("date_code", dateCodeFf ? "absent" : dateCode));
    }

    Notification scheduleInfo(MeterState m, ScheduleEvent event, long seconds, boolean enabled) {
        Fragment.Builder b = start("ScheduleInfo", m)
                .child("Mode", "default")
                .child("Event", event.wireName())
                .child("Frequency", Hex.of(seconds, 8))
                .child("Enabled", enabled ? "Y" : "N");
        return of(b, m, null, Map.of("frequency_s", BigDecimal.valueOf(seconds)), Map.of("event", event.wireName()));
    }

    Notification meterList(List<MeterState> meters) {
        Fragment.Builder b = Fragment.builder("MeterList").child("DeviceMacId", device);
        for (MeterState m : meters) {
            b.child("MeterMacId", Hex.mac(m.spec().macId()));
        }
        return of(b, null, null, Map.of("meters", BigDecimal.valueOf(meters.size())), Map.of());
    }

    Notification meterInfo(MeterState m, String account, String auth, String host, boolean enabled) {
        MeterInfoForm form = identity.meterInfoForm();
        Fragment.Builder b = start("MeterInfo", m)
                .child(form.typeElement, form.electric)
                .text(form.nickNameElement, m.spec().nickName())
                .text("Account", account)
                .text("Auth", auth)
                .text("Host", host)
                .child("Enabled", enabled ? "Y" : "N");
        return of(b, m, null, Map.of(), Map.of("nickname", m.spec().nickName()));
    }

    Notification profileData(MeterState m, List<MeterState.HourMark> marks, boolean delivered) {
        int periods = Math.max(0, marks.size() - 1);
        Fragment.Builder b = start("ProfileData", m)
                .child("EndTime", marks.isEmpty() ? NO_TIME : DeviceTime.hex(marks.get(0).end()))
                .child("Status", "0x00")
                .child("ProfileIntervalPeriod", "0x01")
                .child("NumberOfPeriodsDelivered", Hex.of(periods, 2));
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < periods; i++) {
            long raw = delivered ? marks.get(i).deliveredRaw() - marks.get(i + 1).deliveredRaw()
                    : marks.get(i).receivedRaw() - marks.get(i + 1).receivedRaw();
            b.child("IntervalData", Hex.of(raw, 6));
            values.put("interval_" + i + "_kwh", m.scaled(raw));
        }
        return of(b, m, null, values, Map.of("channel", delivered ? "Delivered" : "Received"));
    }

    Notification blockPriceDetail(MeterState m, Instant now) {
        Fragment.Builder b = start("BlockPriceDetail", m)
                .child("TimeStamp", DeviceTime.hex(now))
                .child("NumberOfBlocks", "0x00")
                .child("Multiplier", Hex.of(m.spec().multiplier(), 8))
                .child("Divisor", Hex.of(m.spec().divisor(), 8))
                .child("Currency", Hex.of(PriceBook.USD, 4))
                .child("TrailingDigits", "0x00");
        return of(b, m, now, Map.of(), Map.of());
    }

    Notification billingPeriodList(MeterState m, Instant now) {
        Fragment.Builder b = start("BillingPeriodList", m)
                .child("TimeStamp", DeviceTime.hex(now))
                .child("NumPeriods", "0x00")
                .child("Start", NO_TIME)
                .child("Duration", "0xffff");
        return of(b, m, now, Map.of(), Map.of());
    }

    Notification fastPollStatus(MeterState m, long frequencySeconds, Instant end) {
        Fragment.Builder b = start("FastPollStatus", m)
                .child("Frequency", Hex.of(frequencySeconds, 2))
                .child("EndTime", end == null ? "0x00000000" : DeviceTime.hex(end));
        return of(b, m, null, Map.of("frequency_s", BigDecimal.valueOf(frequencySeconds)), Map.of());
    }

    Notification warning(String text) {
        return of(Fragment.builder("Warning").text("Text", text), null, null, Map.of(), Map.of("text", text));
    }
}
