package dev.metertap.collector.emu2.wire;

import dev.metertap.collector.emu2.frame.ChildName;
import dev.metertap.collector.emu2.frame.Fragment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one fragment into one {@link Emu2Message}. Roots and children are matched ignoring case;
 * children may come in any order. A fragment with a root it does not know becomes an
 * {@link UnknownFragment}; one that cannot be meaningful is rejected with a reason. Stateless and
 * thread-safe.
 */
public final class Emu2Parser {

    private static final ChildName INSTANTANEOUS_DEMAND = ChildName.of("InstantaneousDemand");
    private static final ChildName CURRENT_SUMMATION_DELIVERED = ChildName.of("CurrentSummationDelivered");
    private static final ChildName CURRENT_PERIOD_USAGE = ChildName.of("CurrentPeriodUsage");
    private static final ChildName LAST_PERIOD_USAGE = ChildName.of("LastPeriodUsage");
    private static final ChildName PRICE_CLUSTER = ChildName.of("PriceCluster");
    private static final ChildName TIME_CLUSTER = ChildName.of("TimeCluster");
    private static final ChildName MESSAGE_CLUSTER = ChildName.of("MessageCluster");
    private static final ChildName CONNECTION_STATUS = ChildName.of("ConnectionStatus");
    private static final ChildName NETWORK_INFO = ChildName.of("NetworkInfo");
    private static final ChildName DEVICE_INFO = ChildName.of("DeviceInfo");
    private static final ChildName SCHEDULE_INFO = ChildName.of("ScheduleInfo");
    private static final ChildName METER_LIST = ChildName.of("MeterList");
    private static final ChildName METER_INFO = ChildName.of("MeterInfo");
    private static final ChildName PROFILE_DATA = ChildName.of("ProfileData");
    private static final ChildName BLOCK_PRICE_DETAIL = ChildName.of("BlockPriceDetail");
    private static final ChildName WARNING = ChildName.of("Warning");
    private static final ChildName ERROR = ChildName.of("Error");

    private static final ChildName DEVICE_MAC_ID = ChildName.of("DeviceMacId");
    private static final ChildName METER_MAC_ID = ChildName.of("MeterMacId");
    private static final ChildName COORD_MAC_ID = ChildName.of("CoordMacId");
    private static final ChildName TIME_STAMP = ChildName.of("TimeStamp");
    private static final ChildName DEMAND = ChildName.of("Demand");
    private static final ChildName MULTIPLIER = ChildName.of("Multiplier");
    private static final ChildName DIVISOR = ChildName.of("Divisor");
    private static final ChildName DIGITS_RIGHT = ChildName.of("DigitsRight");
    private static final ChildName DIGITS_LEFT = ChildName.of("DigitsLeft");
    private static final ChildName SUPPRESS_LEADING_ZERO = ChildName.of("SuppressLeadingZero");
    private static final ChildName SUMMATION_DELIVERED = ChildName.of("SummationDelivered");
    private static final ChildName SUMMATION_RECEIVED = ChildName.of("SummationReceived");
    private static final ChildName CURRENT_USAGE = ChildName.of("CurrentUsage");
    private static final ChildName LAST_USAGE = ChildName.of("LastUsage");
    private static final ChildName START_DATE = ChildName.of("StartDate");
    private static final ChildName END_DATE = ChildName.of("EndDate");
    private static final ChildName PRICE = ChildName.of("Price");
    private static final ChildName CURRENCY = ChildName.of("Currency");
    private static final ChildName TRAILING_DIGITS = ChildName.of("TrailingDigits");
    private static final ChildName TIER = ChildName.of("Tier");
    private static final ChildName START_TIME = ChildName.of("StartTime");
    private static final ChildName DURATION = ChildName.of("Duration");
    private static final ChildName TIER_LABEL = ChildName.of("TierLabel");
    private static final ChildName RATE_LABEL = ChildName.of("RateLabel");
    private static final ChildName UTC_TIME = ChildName.of("UTCTime");
    private static final ChildName LOCAL_TIME = ChildName.of("LocalTime");
    private static final ChildName ID = ChildName.of("Id");
    private static final ChildName TEXT = ChildName.of("Text");
    private static final ChildName PRIORITY = ChildName.of("Priority");
    private static final ChildName CONFIRMATION_REQUIRED = ChildName.of("ConfirmationRequired");
    private static final ChildName CONFIRMED = ChildName.of("Confirmed");
    private static final ChildName QUEUE = ChildName.of("Queue");
    private static final ChildName STATUS = ChildName.of("Status");
    private static final ChildName DESCRIPTION = ChildName.of("Description");
    private static final ChildName STATUS_CODE = ChildName.of("StatusCode");
    private static final ChildName EXT_PAN_ID = ChildName.of("ExtPanId");
    private static final ChildName CHANNEL = ChildName.of("Channel");
    private static final ChildName SHORT_ADDR = ChildName.of("ShortAddr");
    private static final ChildName LINK_STRENGTH = ChildName.of("LinkStrength");
    private static final ChildName INSTALL_CODE = ChildName.of("InstallCode");
    private static final ChildName LINK_KEY = ChildName.of("LinkKey");
    private static final ChildName FW_VERSION = ChildName.of("FWVersion");
    private static final ChildName HW_VERSION = ChildName.of("HWVersion");
    private static final ChildName IMAGE_TYPE = ChildName.of("ImageType");
    private static final ChildName MANUFACTURER = ChildName.of("Manufacturer");
    private static final ChildName MODEL_ID = ChildName.of("ModelId");
    private static final ChildName DATE_CODE = ChildName.of("DateCode");
    private static final ChildName MODE = ChildName.of("Mode");
    private static final ChildName EVENT = ChildName.of("Event");
    private static final ChildName FREQUENCY = ChildName.of("Frequency");
    private static final ChildName ENABLED = ChildName.of("Enabled");
    private static final ChildName METER_TYPE = ChildName.of("MeterType");
    private static final ChildName TYPE = ChildName.of("Type");
    private static final ChildName NICK_NAME = ChildName.of("NickName");
    private static final ChildName ACCOUNT = ChildName.of("Account");
    private static final ChildName AUTH = ChildName.of("Auth");
    private static final ChildName HOST = ChildName.of("Host");
    private static final ChildName END_TIME = ChildName.of("EndTime");
    private static final ChildName PROFILE_INTERVAL_PERIOD = ChildName.of("ProfileIntervalPeriod");
    private static final ChildName NUMBER_OF_PERIODS_DELIVERED = ChildName.of("NumberOfPeriodsDelivered");
    private static final ChildName NUMBER_OF_BLOCKS = ChildName.of("NumberOfBlocks");

    /** Decodes a fragment, or says why it cannot be meaningful. */
    public Emu2Message parse(Fragment fragment) throws RejectedFragmentException {
        // the periodic notifications first: they are nearly all of the traffic
        if (fragment.rootIs(INSTANTANEOUS_DEMAND)) {
            return instantaneousDemand(new Fields(fragment, "InstantaneousDemand"));
        }
        if (fragment.rootIs(CURRENT_SUMMATION_DELIVERED)) {
            return currentSummationDelivered(new Fields(fragment, "CurrentSummationDelivered"));
        }
        if (fragment.rootIs(PRICE_CLUSTER)) {
            return priceCluster(new Fields(fragment, "PriceCluster"));
        }
        if (fragment.rootIs(CONNECTION_STATUS)) {
            return connectionStatus(new Fields(fragment, "ConnectionStatus"));
        }
        if (fragment.rootIs(TIME_CLUSTER)) {
            return timeCluster(new Fields(fragment, "TimeCluster"));
        }
        if (fragment.rootIs(MESSAGE_CLUSTER)) {
            return messageCluster(new Fields(fragment, "MessageCluster"));
        }
        if (fragment.rootIs(CURRENT_PERIOD_USAGE)) {
            return currentPeriodUsage(new Fields(fragment, "CurrentPeriodUsage"));
        }
        if (fragment.rootIs(LAST_PERIOD_USAGE)) {
            return lastPeriodUsage(new Fields(fragment, "LastPeriodUsage"));
        }
        if (fragment.rootIs(NETWORK_INFO)) {
            return networkInfo(new Fields(fragment, "NetworkInfo"));
        }
        if (fragment.rootIs(DEVICE_INFO)) {
            return deviceInfo(new Fields(fragment, "DeviceInfo"));
        }
        if (fragment.rootIs(SCHEDULE_INFO)) {
            return scheduleInfo(new Fields(fragment, "ScheduleInfo"));
        }
        if (fragment.rootIs(METER_LIST)) {
            return meterList(new Fields(fragment, "MeterList"));
        }
        if (fragment.rootIs(METER_INFO)) {
            return meterInfo(new Fields(fragment, "MeterInfo"));
        }
        if (fragment.rootIs(PROFILE_DATA)) {
            return profileData(new Fields(fragment, "ProfileData"));
        }
        if (fragment.rootIs(BLOCK_PRICE_DETAIL)) {
            return blockPriceDetail(new Fields(fragment, "BlockPriceDetail"));
        }
        if (fragment.rootIs(WARNING)) {
            return new Warning(new Fields(fragment, "Warning").text(TEXT));
        }
        if (fragment.rootIs(ERROR)) {
            return new DeviceError(new Fields(fragment, "Error").text(TEXT));
        }
        return unknown(fragment);
    }

    private static InstantaneousDemand instantaneousDemand(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        Emu2Time timeStamp = f.time(TIME_STAMP);
        int demand = (int) f.hex(DEMAND, 32);  // 32-bit two's complement: negative while exporting
        Scale scale = f.scale(MULTIPLIER, DIVISOR);
        return new InstantaneousDemand(device, meter, timeStamp, demand, scale, displayFormat(f));
    }

    private static CurrentSummationDelivered currentSummationDelivered(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        Emu2Time timeStamp = f.time(TIME_STAMP);
        long delivered = f.hex(SUMMATION_DELIVERED, 64);
        long received = f.hex(SUMMATION_RECEIVED, 64);
        Scale scale = f.scale(MULTIPLIER, DIVISOR);
        return new CurrentSummationDelivered(device, meter, timeStamp, delivered, received, scale, displayFormat(f));
    }

    private static CurrentPeriodUsage currentPeriodUsage(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        Emu2Time timeStamp = f.time(TIME_STAMP);
        long usage = f.hex(CURRENT_USAGE, 64);
        Scale scale = f.scale(MULTIPLIER, DIVISOR);
        Optional<DisplayFormat> format = displayFormat(f);
        return new CurrentPeriodUsage(device, meter, timeStamp, usage, scale, format, f.time(START_DATE));
    }

    private static LastPeriodUsage lastPeriodUsage(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        long usage = f.hex(LAST_USAGE, 64);
        Scale scale = f.scale(MULTIPLIER, DIVISOR);
        Optional<DisplayFormat> format = displayFormat(f);
        return new LastPeriodUsage(device, meter, usage, scale, format, f.time(START_DATE), f.time(END_DATE));
    }

    private static Optional<DisplayFormat> displayFormat(Fields f) throws RejectedFragmentException {
        int right = f.find(DIGITS_RIGHT);
        int left = f.find(DIGITS_LEFT);
        int suppress = f.find(SUPPRESS_LEADING_ZERO);
        if (right < 0 && left < 0 && suppress < 0) {
            return Optional.empty();
        }
        return DisplayFormat.of(right < 0 || f.isEmpty(right) ? 0 : (int) f.hexAt(right, DIGITS_RIGHT, 8),
                left < 0 || f.isEmpty(left) ? 0 : (int) f.hexAt(left, DIGITS_LEFT, 8),
                suppress >= 0 && !f.isEmpty(suppress) && f.yesNoAt(suppress, SUPPRESS_LEADING_ZERO));
    }

    private static PriceCluster priceCluster(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        Emu2Time timeStamp = f.time(TIME_STAMP);
        long price = f.hex(PRICE, 32);
        CurrencyCode currency = new CurrencyCode(f.hex16(CURRENCY));
        int trailingDigits = f.hex8(TRAILING_DIGITS);
        if (trailingDigits > 9) {
            throw f.reject("TrailingDigits over 9: " + trailingDigits);
        }
        int tier = f.hex8(TIER);
        Optional<Emu2Time> startTime = f.optionalTime(START_TIME);
        Optional<Duration> duration = f.optionalDuration(DURATION);
        Optional<String> label = f.optionalText(TIER_LABEL).or(() -> f.optionalText(RATE_LABEL));
        return new PriceCluster(device, meter, timeStamp, price, currency, trailingDigits, tier, startTime, duration, label);
    }

    private static TimeCluster timeCluster(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        Optional<MacId> meter = f.optionalMac(METER_MAC_ID);
        Emu2Time utc = f.time(UTC_TIME);
        return new TimeCluster(device, meter, utc, new Emu2LocalTime(f.hex(LOCAL_TIME, 32)));
    }

    private static MessageCluster messageCluster(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        Optional<MacId> meter = f.optionalMac(METER_MAC_ID);
        Emu2Time timeStamp = f.time(TIME_STAMP);
        String id = f.text(ID);
        String text = f.text(TEXT);
        Optional<String> priority = f.optionalText(PRIORITY);
        Optional<Emu2Time> startTime = f.optionalTime(START_TIME);
        Optional<Duration> duration = f.optionalDuration(DURATION);
        boolean confirmationRequired = f.yesNo(CONFIRMATION_REQUIRED);
        boolean confirmed = f.yesNo(CONFIRMED);
        String queue = f.optionalText(QUEUE).orElse("Active");
        return new MessageCluster(device, meter, timeStamp, id, text, priority, startTime, duration,
                confirmationRequired, confirmed, queue);
    }

    private static ConnectionStatus connectionStatus(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        Optional<MacId> meter = f.optionalMac(METER_MAC_ID);
        String status = requiredText(f, STATUS);
        Optional<String> description = f.optionalText(DESCRIPTION);
        Optional<Integer> statusCode = f.optionalHex(STATUS_CODE, 8).map(Long::intValue);
        Optional<MacId> extPanId = f.optionalMac(EXT_PAN_ID);
        Optional<Integer> channel = f.optionalNumber(CHANNEL);
        Optional<Integer> shortAddr = f.optionalHex(SHORT_ADDR, 16).map(Long::intValue);
        int linkStrength = f.percent(LINK_STRENGTH);
        return new ConnectionStatus(device, meter, status, description, statusCode, extPanId, channel, shortAddr, linkStrength);
    }

    private static NetworkInfo networkInfo(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        Optional<MacId> coordinator = f.optionalMac(COORD_MAC_ID);
        String status = requiredText(f, STATUS);
        Optional<String> description = f.optionalText(DESCRIPTION);
        Optional<Integer> statusCode = f.optionalHex(STATUS_CODE, 8).map(Long::intValue);
        Optional<MacId> extPanId = f.optionalMac(EXT_PAN_ID);
        Optional<Integer> channel = f.optionalNumber(CHANNEL);
        Optional<Integer> shortAddr = f.optionalHex(SHORT_ADDR, 16).map(Long::intValue);
        int linkStrength = f.percent(LINK_STRENGTH);
        return new NetworkInfo(device, coordinator, status, description, statusCode, extPanId, channel, shortAddr, linkStrength);
    }

    private static DeviceInfo deviceInfo(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        Optional<String> installCode = f.optionalText(INSTALL_CODE);
        Optional<String> linkKey = f.optionalText(LINK_KEY);
        String firmware = f.text(FW_VERSION);
        String hardware = f.text(HW_VERSION);
        Optional<String> imageType = f.optionalText(IMAGE_TYPE);
        String manufacturer = f.text(MANUFACTURER);
        String model = f.text(MODEL_ID);
        Optional<String> dateCode = f.optionalText(DATE_CODE).filter(code -> !isAllFf(code));
        return new DeviceInfo(device, installCode, linkKey, firmware, hardware, imageType, manufacturer, model, dateCode);
    }

    /** Real units send a DateCode of raw 0xFF bytes (or its hex spelling) for "none". */
    private static boolean isAllFf(String code) {
        if (code.chars().allMatch(c -> c == 0xff)) {
            return true;
        }
        return code.length() > 2 && code.regionMatches(true, 0, "0x", 0, 2)
                && code.substring(2).chars().allMatch(c -> c == 'f' || c == 'F');
    }

    private static ScheduleInfo scheduleInfo(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        Optional<MacId> meter = f.optionalMac(METER_MAC_ID);
        Optional<String> mode = f.optionalText(MODE);
        String event = requiredText(f, EVENT);
        Duration frequency = Duration.ofSeconds(f.hex(FREQUENCY, 32));
        return new ScheduleInfo(device, meter, mode, event, frequency, f.yesNo(ENABLED));
    }

    private static MeterList meterList(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        List<MacId> meters = new ArrayList<>();
        for (int child = 0; child < f.childCount(); child++) {
            if (f.nameAt(child).equalsIgnoreCase("MeterMacId") && !f.isEmpty(child)) {
                meters.add(new MacId(f.hexAt(child, METER_MAC_ID, 64)));
            }
        }
        return new MeterList(device, meters);
    }

    private static MeterInfo meterInfo(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        // the manual's <MeterType>; some firmware (as one reader parses it) writes <Type> and <Nickname>
        Optional<String> sent = f.optionalText(METER_TYPE).or(() -> f.optionalText(TYPE));
        String type = meterType(sent.orElseThrow(() -> f.reject(METER_TYPE + " missing")));
        return new MeterInfo(device, meter, type, f.optionalText(NICK_NAME), f.optionalText(ACCOUNT),
                f.optionalText(AUTH), f.optionalText(HOST), f.optionalYesNo(ENABLED));
    }

    /** The manual's names; real units send a number (0x0000 for electric). */
    private static String meterType(String sent) {
        if (!sent.regionMatches(true, 0, "0x", 0, 2)) {
            return sent.toLowerCase(Locale.ROOT);
        }
        try {
            return switch (Integer.parseInt(sent.substring(2), 16)) {
                case 0 -> "electric";
                case 1 -> "gas";
                case 2 -> "water";
                default -> sent.toLowerCase(Locale.ROOT);
            };
        } catch (NumberFormatException notHex) {
            return sent;
        }
    }

    private static ProfileData profileData(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        Emu2Time endTime = f.time(END_TIME);
        int status = f.hex8(STATUS);
        int period = f.hex8(PROFILE_INTERVAL_PERIOD);
        int delivered = f.hex8(NUMBER_OF_PERIODS_DELIVERED);
        List<Long> intervals = new ArrayList<>();
        for (int child = 0; child < f.childCount(); child++) {
            if (f.nameAt(child).equalsIgnoreCase("IntervalData")) {
                intervals.add(f.hexAt(child, "IntervalData", 32));
            }
        }
        return new ProfileData(device, meter, endTime, status, period, delivered, intervals);
    }

    private static BlockPriceDetail blockPriceDetail(Fields f) throws RejectedFragmentException {
        MacId device = f.mac(DEVICE_MAC_ID);
        MacId meter = f.mac(METER_MAC_ID);
        Emu2Time timeStamp = f.time(TIME_STAMP);
        int blocks = f.hex8(NUMBER_OF_BLOCKS);
        Scale scale = f.scale(MULTIPLIER, DIVISOR);
        CurrencyCode currency = new CurrencyCode(f.hex16(CURRENCY));
        int trailingDigits = f.hex8(TRAILING_DIGITS);
        List<Long> thresholds = new ArrayList<>();
        List<Long> prices = new ArrayList<>();
        for (int child = 0; child < f.childCount(); child++) {
            String name = f.nameAt(child).toLowerCase(Locale.ROOT);
            if (name.matches("threshold\\d+")) {
                thresholds.add(f.hexAt(child, name, 64));
            } else if (name.matches("price\\d+")) {
                prices.add(f.hexAt(child, name, 32));
            }
        }
        return new BlockPriceDetail(device, meter, timeStamp, blocks, scale, currency, trailingDigits, thresholds, prices);
    }

    private static String requiredText(Fields f, ChildName name) throws RejectedFragmentException {
        String text = f.text(name);
        if (text.isEmpty()) {
            throw f.reject(name + " is empty");
        }
        return text;
    }

    private static UnknownFragment unknown(Fragment fragment) {
        List<UnknownFragment.Child> children = new ArrayList<>(fragment.childCount());
        for (int child = 0; child < fragment.childCount(); child++) {
            children.add(new UnknownFragment.Child(fragment.childName(child), Emu2Text.decode(fragment.rawValue(child))));
        }
        return new UnknownFragment(fragment.rootName(), children);
    }
}
