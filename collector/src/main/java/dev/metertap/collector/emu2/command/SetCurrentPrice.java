package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code set_current_price}: Sets a user price (TrailingDigits 0 clears it). */
public record SetCurrentPrice(Optional<MacId> meter, long price, int trailingDigits) implements Emu2Command<Void> {

    @Override
    public String name() {
        return "set_current_price";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.hex("Price", price),
                Param.hex("TrailingDigits", trailingDigits));
    }
}
