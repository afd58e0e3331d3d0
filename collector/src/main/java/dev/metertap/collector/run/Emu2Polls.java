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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Asks the device for what it pushes rarely: the summation and the price. Replies reach the store through
 * the session's listener like any reading, so a poll only sends; a failed one is retried at the next period.
 * With several meters each is asked by name (the device answers an unnamed request for one of them only).
 * Once the device has said who it is after each connect, it asks for demand too, so that the store has a
 * reading within a second or two instead of waiting up to a demand period for the device's next notification.
 */
final class Emu2Polls {

    private static final Logger log = LoggerFactory.getLogger(Emu2Polls.class);

    private final Emu2Config config;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
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

    /**
     * Called once the device has said who it is (and so which meters to name): the commands are sent from the
     * scheduler's thread.
     */
    void afterIdentified() {
        try {
            scheduler.execute(() -> {
                List<CompletableFuture<?>> asked = new ArrayList<>();
                // from the device's cache: an immediate answer, where Refresh=Y would first ask the meter over ZigBee
                asked.addAll(poll("demand", meter -> new GetInstantaneousDemand(meter, false)));
                asked.addAll(pollSummation());
                asked.addAll(pollPrice());
                CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).handle((done, failure) -> firstRound.complete(null));
            });
        } catch (RejectedExecutionException closing) {
            firstRound.complete(null);
        }
    }

    /** Completes once the first connection's questions (demand, summation, price) were answered or given up. */
    CompletableFuture<Void> firstRound() {
        return firstRound.copy();
    }

    private List<CompletableFuture<?>> pollSummation() {
        return poll("summation", meter -> new GetCurrentSummationDelivered(meter, true));
    }

    private List<CompletableFuture<?>> pollPrice() {
        return poll("price", meter -> new GetCurrentPrice(meter, true));
    }

    private List<CompletableFuture<?>> poll(String what, Function<Optional<MacId>, Emu2Command<?>> command) {
        Emu2Session session = this.session;
        if (session == null || !session.isConnected()) {
            return List.of();
        }
        List<MacId> meters = session.meters();
        List<Optional<MacId>> targets = meters.size() > 1 ? meters.stream().map(Optional::of).toList() : List.of(Optional.empty());
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Optional<MacId> meter : targets) {
            sent.add(session.client().send(command.apply(meter)).whenComplete((reply, failure) -> {
                if (failure != null) {
                    log.debug("{} poll{} got no reply: {}", what, meter.map(m -> " of meter " + m).orElse(""), failure.getMessage());
                }
            }));
        }
        return sent;
    }
}
