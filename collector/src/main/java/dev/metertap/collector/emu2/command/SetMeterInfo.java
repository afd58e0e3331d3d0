package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code set_meter_info}: Changes a meter's settings. */
public record SetMeterInfo(Optional<MacId> meter, Optional<String> nickName, Optional<String> account, Optional<String> auth, Optional<String> host, Optional<Boolean> enabled) implements Emu2Command<Void> {

    @Override
    public String name() {
        return "set_meter_info";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }

    @Override
    public List<Param> parameters() {
        return Param.present(
                nickName.map(v -> Param.text("NickName", v)),
                account.map(v -> Param.text("Account", v)),
                auth.map(v -> Param.text("Auth", v)),
                host.map(v -> Param.text("Host", v)),
                enabled.map(v -> Param.yesNo("Enabled", v)));
    }
}
