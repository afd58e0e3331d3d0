package dev.metertap.collector.run;

import dev.metertap.collector.config.Emu2Config;
import dev.metertap.collector.emu2.command.Emu2Command;
import dev.metertap.collector.emu2.command.GetCurrentPrice;
import dev.metertap.collector.emu2.command.GetCurrentSummationDelivered;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.wire.MacId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Asks the device for what it pushes rarely: the summation and the price. Replies reach the store through
 * the session's listener like any reading, so a poll only sends; a failed one is retried at the next period.
 * With several meters each is asked by name (the device answers an unnamed request for one of them only).
 */
final class Emu2Polls {

    private static final Logger log = LoggerFactory.getLogger(Emu2Polls.class);

    private final Emu2Session session;
    private final Emu2Config config;

    Emu2Polls(Emu2Session session, Emu2Config config) {
        this.session = session;
        this.config = config;
    }

    void schedule(ScheduledExecutorService scheduler) {
        // the first polls come soon after start so that a fresh install shows totals at once
        scheduler.scheduleWithFixedDelay(() -> poll("summation", meter -> new GetCurrentSummationDelivered(meter, true)),
                2, config.summationPoll().toSeconds(), TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(() -> poll("price", meter -> new GetCurrentPrice(meter, true)),
                3, config.pricePoll().toSeconds(), TimeUnit.SECONDS);
    }

    private void poll(String what, Function<Optional<MacId>, Emu2Command<?>> command) {
        if (!session.isConnected()) {
            return;
        }
        List<MacId> meters = session.meters();
        List<Optional<MacId>> targets = meters.size() > 1 ? meters.stream().map(Optional::of).toList() : List.of(Optional.empty());
        for (Optional<MacId> meter : targets) {
            session.client().send(command.apply(meter)).whenComplete((reply, failure) -> {
                if (failure != null) {
                    log.debug("{} poll{} got no reply: {}", what, meter.map(m -> " of meter " + m).orElse(""), failure.getMessage());
                }
            });
        }
    }
}
