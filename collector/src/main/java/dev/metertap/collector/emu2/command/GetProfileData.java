package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.ProfileData;

import java.util.List;
import java.util.Optional;

/** {@code get_profile_data}: Asks for interval history (up to 12 periods; EndTime 0 = latest; channel Delivered or Received). */
public record GetProfileData(Optional<MacId> meter, int numberOfPeriods, long endTime, String intervalChannel) implements Emu2Command<ProfileData> {

    @Override
    public String name() {
        return "get_profile_data";
    }

    @Override
    public Class<ProfileData> replyType() {
        return ProfileData.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.hex("NumberOfPeriods", numberOfPeriods),
                Param.hex("EndTime", endTime),
                Param.text("IntervalChannel", intervalChannel));
    }
}
