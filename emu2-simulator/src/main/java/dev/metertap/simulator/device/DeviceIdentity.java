package dev.metertap.simulator.device;

import java.util.SplittableRandom;

/** What DeviceInfo reports, and how the firmware writes MeterInfo. */
public record DeviceIdentity(long deviceMacId, long installCode, String linkKey, String fwVersion, String hwVersion,
                             String imageType, String manufacturer, String modelId, String dateCode,
                             MeterInfoForm meterInfoForm) {

    /** A plausible EMU-2 (Rainforest OUI 0xd8d5b9) with ids drawn from the seed. */
    public static DeviceIdentity fromSeed(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed_1d_e4L);
        long mac = 0xd8d5b9_0000000000L | (random.nextLong() & 0xff_ffff_ffffL);
        long installCode = random.nextLong();
        String linkKey = String.format("0x%016x%016x", random.nextLong(), random.nextLong());
        return new DeviceIdentity(mac, installCode, linkKey, "2.0.0 (7400)", "2.7.3", "0x2201",
                "Rainforest Automation, Inc.", "Z105-2-EMU2-LEDD_JM", "2015081921120032", MeterInfoForm.NUMBER);
    }

    public DeviceIdentity withDeviceMacId(long mac) {
        return new DeviceIdentity(mac, installCode, linkKey, fwVersion, hwVersion, imageType, manufacturer, modelId, dateCode,
                meterInfoForm);
    }

    public DeviceIdentity withMeterInfoForm(MeterInfoForm form) {
        return new DeviceIdentity(deviceMacId, installCode, linkKey, fwVersion, hwVersion, imageType, manufacturer, modelId,
                dateCode, form);
    }
}
