package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.CommandEntry.Outcome;
import dev.metertap.simulator.schedule.ScheduleEvent;
import dev.metertap.simulator.wire.DeviceTime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the device does with each command of the reference, and what it answers. */
final class CommandAnswers {

    /** The outcome and the fragments to write in reply (possibly none). */
    record Answer(Outcome outcome, List<Notification> replies) {
        static Answer none() {
            return new Answer(Outcome.ANSWERED, List.of());
        }

        static Answer of(Notification... replies) {
            return new Answer(Outcome.ANSWERED, List.of(replies));
        }

        static Answer invalid() {
            return new Answer(Outcome.INVALID, List.of());
        }
    }

    private final DeviceParts device;
    private String account = "";
    private String auth = "";
    private String host = "";
    private boolean meterEnabled = true;

    CommandAnswers(DeviceParts device) {
        this.device = device;
    }

    Answer answer(ReceivedCommand c) {
        Notifications notes = device.notes();
        Instant now = device.now();
        if (c.name().equals("get_meter_list")) {
            return Answer.of(notes.meterList(device.meters()));
        }
        if (c.name().equals("get_device_info")) {
            return Answer.of(notes.deviceInfo(device.faults().isOn(Fault.DateCodeFf.class)));
        }
        Optional<Integer> selected = meterIndex(c);
        if (selected.isEmpty()) {
            return Answer.invalid();
        }
        int index = selected.get();
        MeterState m = device.meters().get(index);
        boolean refresh = c.flag("Refresh", false);
        switch (c.name()) {
            case "initialize":
                return Answer.none();
            case "restart":
                device.link().restart();
                return Answer.none();
            case "factory_reset":
                device.link().decommission();
                return Answer.none();
            case "get_connection_status":
                return Answer.of(notes.connection(m, device.link().now()));
            case "get_network_info":
                return Answer.of(notes.networkInfo(m, device.link().now()));
            case "get_meter_info":
                return Answer.of(notes.meterInfo(m, account, auth, host, meterEnabled));
            case "set_meter_info":
                c.param("NickName").ifPresent(n -> m.rename(new MeterSpec(m.spec().macId(), m.spec().multiplier(), m.spec().divisor(), n)));
                c.param("Account").ifPresent(v -> account = v);
                c.param("Auth").ifPresent(v -> auth = v);
                c.param("Host").ifPresent(v -> host = v);
                meterEnabled = c.flag("Enabled", meterEnabled);
                return Answer.none();
            case "get_schedule":
                return schedule(c, index, m);
            case "set_schedule":
                return setSchedule(c, index);
            case "set_schedule_default": {
                Optional<String> event = c.param("Event");
                if (event.isPresent() && ScheduleEvent.parse(event.get()).isEmpty()) {
                    return Answer.invalid();
                }
                device.schedule().reset(index, event.flatMap(ScheduleEvent::parse).orElse(null));
                return Answer.none();
            }
            case "get_time":
                return Answer.of(notes.time(m, now, device.load().settings().zone()));
            case "get_message":
                return Answer.of(notes.message(m, device.message(), now));
            case "confirm_message": {
                OptionalLong id = c.number("Id");
                if (id.isEmpty() || id.getAsLong() != device.message().id()) {
                    return Answer.invalid();
                }
                device.confirmMessage();
                return Answer.none();
            }
            case "get_current_price":
                return Answer.of(notes.price(m, device.prices().at(now), now));
            case "set_current_price": {
                OptionalLong price = c.number("Price");
                OptionalLong digits = c.number("TrailingDigits");
                if (price.isEmpty() || digits.isEmpty() || digits.getAsLong() > 9) {
                    return Answer.invalid();
                }
                device.prices().setUserPrice(price.getAsLong(), (int) digits.getAsLong());
                return Answer.none();
            }
            case "get_instantaneous_demand":
                if (refresh) {
                    m.read(now, device.load().watts(now));
                }
                return Answer.of(notes.demand(m));
            case "get_current_summation_delivered":
                if (refresh) {
                    m.takeSummation(now);
                }
                return Answer.of(notes.summation(m));
            case "get_current_period_usage":
                m.integrateTo(now);
                return Answer.of(notes.currentPeriodUsage(m, now));
            case "get_last_period_usage":
                return Answer.of(notes.lastPeriodUsage(m));
            case "close_current_period":
                m.closePeriod(now);
                return Answer.none();
            case "set_fast_poll": {
                OptionalLong frequency = c.number("Frequency");
                long duration = c.number("Duration").orElse(0);
                if (frequency.isEmpty() || frequency.getAsLong() < 4 || frequency.getAsLong() > 0xffff || duration < 0 || duration > 0x384) {
                    return Answer.invalid();
                }
                device.schedule().fastPoll(index, frequency.getAsLong(), duration);
                return Answer.none();
            }
            case "get_fast_poll_status":
                return Answer.of(notes.fastPollStatus(m, device.schedule().fastPollSeconds(), device.schedule().fastPollEnd()));
            case "get_profile_data":
                return profile(c, m, now);
            case "get_price_blocks":
                return Answer.of(notes.blockPriceDetail(m, now));
            case "get_billing_periods":
                return Answer.of(notes.billingPeriodList(m, now));
            default:
                return new Answer(Outcome.UNKNOWN, List.of(notes.warning("Unknown command")));
        }
    }

    /** MeterMacId when given (must be one of ours); else the first meter. */
    private Optional<Integer> meterIndex(ReceivedCommand c) {
        if (c.param("MeterMacId").isEmpty()) {
            return Optional.of(0);
        }
        OptionalLong mac = c.number("MeterMacId");
        if (mac.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < device.meters().size(); i++) {
            if (device.meters().get(i).spec().macId() == mac.getAsLong()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private Answer schedule(ReceivedCommand c, int index, MeterState m) {
        List<ScheduleEvent> events = new ArrayList<>();
        Optional<String> wanted = c.param("Event");
        if (wanted.isPresent()) {
            Optional<ScheduleEvent> event = ScheduleEvent.parse(wanted.get());
            if (event.isEmpty()) {
                return Answer.invalid();
            }
            events.add(event.get());
        } else {
            events.addAll(List.of(ScheduleEvent.values()));
        }
        List<Notification> replies = new ArrayList<>();
        for (ScheduleEvent e : events) {
            DeviceSchedule.Setting s = device.schedule().setting(index, e);
            replies.add(device.notes().scheduleInfo(m, e, s.period().toSeconds(), s.enabled()));
        }
        return new Answer(Outcome.ANSWERED, replies);
    }

    private Answer setSchedule(ReceivedCommand c, int index) {
        Optional<ScheduleEvent> event = c.param("Event").flatMap(ScheduleEvent::parse);
        if (event.isEmpty()) {
            return Answer.invalid();
        }
        DeviceSchedule.Setting old = device.schedule().setting(index, event.get());
        Duration period = old.period();
        boolean jittered = old.jittered();
        if (c.param("Frequency").isPresent()) {
            OptionalLong seconds = c.number("Frequency");
            if (seconds.isEmpty() || seconds.getAsLong() < 1 || seconds.getAsLong() > 0xffff_ffffL) {
                return Answer.invalid();
            }
            period = Duration.ofSeconds(seconds.getAsLong());
            jittered = false;
        }
        device.schedule().reschedule(index, event.get(), new DeviceSchedule.Setting(period, c.flag("Enabled", old.enabled()), jittered));
        return Answer.none();
    }

    private Answer profile(ReceivedCommand c, MeterState m, Instant now) {
        long periods = c.number("NumberOfPeriods").orElse(1);
        if (periods < 0 || periods > 12) {
            return Answer.invalid();
        }
        long endTime = c.number("EndTime").orElse(0);
        Instant end = endTime == 0 ? now : DeviceTime.instant(endTime);
        boolean delivered = !c.param("IntervalChannel").map(v -> v.equalsIgnoreCase("Received")).orElse(false);
        m.integrateTo(now);
        return Answer.of(device.notes().profileData(m, m.hoursUpTo(end, (int) periods), delivered));
    }
}
