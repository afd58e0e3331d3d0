package dev.metertap.collector.run;

import dev.metertap.collector.config.Emu2Config;
import dev.metertap.collector.emu2.command.Emu2Command;
import dev.metertap.collector.emu2.command.GetCurrentPrice;
import dev.metertap.collector.emu2.command.GetCurrentSummationDelivered;
import dev.metertap.collector.emu2.command.GetInstantaneousDemand;
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
 * Right after each connect it asks for demand too, so that the store has a reading within a second or two
 * instead of waiting up to a demand period for the device's next notification.
 */
final class Emu2Polls {

    private static final Logger log = LoggerFactory.getLogger(Emu2Polls.class);

    private final Emu2Config config;
    private final ScheduledExecutorService scheduler;
    private volatile Emu2Session session;

    Emu2Polls(Emu2Config config, ScheduledExecutorService scheduler) {
        this.config = config;
        this.scheduler = scheduler;
    }

    void start(Emu2Session polled) {
        this.session = polled;
        long summation = config.summationPoll().toSeconds();
        long price = config.pricePoll().toSeconds();
        scheduler.scheduleWithFixedDelay(this::pollSummation, summation, summation, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::pollPrice, price, price, TimeUnit.SECONDS);
    }

    /** Called on the session's reader thread: the commands are sent from the scheduler's. */
    void afterConnect() {
        scheduler.execute(() -> {
            // from the device's cache: an immediate answer, where Refresh=Y would first ask the meter over ZigBee
            poll("demand", meter -> new GetInstantaneousDemand(meter, false));
            pollSummation();
            pollPrice();
        });
    }

    private void pollSummation() {
        poll("summation", meter -> new GetCurrentSummationDelivered(meter, true));
    }

    private void pollPrice() {
        poll("price", meter -> new GetCurrentPrice(meter, true));
    }

    private void poll(String what, Function<Optional<MacId>, Emu2Command<?>> command) {
        Emu2Session session = this.session;
        if (session == null || !session.isConnected()) {
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
