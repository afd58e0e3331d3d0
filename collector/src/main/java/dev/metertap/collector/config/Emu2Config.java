package dev.metertap.collector.config;

import dev.metertap.collector.emu2.frame.Emu2Framer;

import java.time.Duration;

/**
 * {@code emu2:} for {@code metertap run}: where the device is (default: found on USB by 04B4:0003) and how
 * often to ask for what it does not push often enough. Demand arrives on its own; the summation and the
 * price are polled because the device sends them rarely or only when asked.
 */
public record Emu2Config(String port, Duration summationPoll, Duration pricePoll, Integer maxFragmentBytes) {

    public static final Duration DEFAULT_SUMMATION_POLL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PRICE_POLL = Duration.ofMinutes(5);
    public static final Emu2Config DEFAULTS = new Emu2Config(null, null, null, null);

    public Emu2Config {
        summationPoll = summationPoll == null ? DEFAULT_SUMMATION_POLL : summationPoll;
        pricePoll = pricePoll == null ? DEFAULT_PRICE_POLL : pricePoll;
        // the device needs a few seconds per command with retries; faster polling would only queue commands up
        if (summationPoll.compareTo(Duration.ofSeconds(5)) < 0 || pricePoll.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("'summation-poll' and 'price-poll' must be at least 5s");
        }
        maxFragmentBytes = maxFragmentBytes == null ? Emu2Framer.DEFAULT_MAX_FRAGMENT_BYTES : maxFragmentBytes;
        if (maxFragmentBytes < 512 || maxFragmentBytes > 1024 * 1024) {
            throw new IllegalArgumentException("'max-fragment-bytes' must be between 512 and 1048576");
        }
    }
}
