package dev.metertap.collector.emu2.session;

import dev.metertap.collector.emu2.frame.Emu2Framer;

import java.time.Duration;

/**
 * How a session talks to the device.
 *
 * @param maxFragmentBytes fragments larger than this are dropped
 * @param commandPace      least time between two command writes (the device loses commands sent too fast)
 * @param replyTimeout     how long one attempt waits for its reply
 * @param attempts         attempts per command before it fails
 * @param retryBackoff     wait before the second attempt; doubles for each further one
 * @param reconnectInitial first wait before reconnecting; doubles up to {@code reconnectMax}
 * @param reconnectMax     the cap on that wait
 * @param learnDevice      ask for DeviceInfo and MeterList after each connect
 */
public record Emu2Options(int maxFragmentBytes, Duration commandPace, Duration replyTimeout, int attempts,
                          Duration retryBackoff, Duration reconnectInitial, Duration reconnectMax, boolean learnDevice) {

    public static final Emu2Options DEFAULTS = new Emu2Options(Emu2Framer.DEFAULT_MAX_FRAGMENT_BYTES,
            Duration.ofMillis(250), Duration.ofSeconds(2), 4, Duration.ofMillis(250),
            Duration.ofMillis(100), Duration.ofSeconds(1), true);

    public Emu2Options {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    public Emu2Options withReplyTimeout(Duration timeout) {
        return new Emu2Options(maxFragmentBytes, commandPace, timeout, attempts, retryBackoff, reconnectInitial, reconnectMax, learnDevice);
    }

    public Emu2Options withCommandPace(Duration pace) {
        return new Emu2Options(maxFragmentBytes, pace, replyTimeout, attempts, retryBackoff, reconnectInitial, reconnectMax, learnDevice);
    }

    public Emu2Options withAttempts(int count) {
        return new Emu2Options(maxFragmentBytes, commandPace, replyTimeout, count, retryBackoff, reconnectInitial, reconnectMax, learnDevice);
    }

    public Emu2Options withLearnDevice(boolean learn) {
        return new Emu2Options(maxFragmentBytes, commandPace, replyTimeout, attempts, retryBackoff, reconnectInitial, reconnectMax, learn);
    }

    public Emu2Options withMaxFragmentBytes(int bytes) {
        return new Emu2Options(bytes, commandPace, replyTimeout, attempts, retryBackoff, reconnectInitial, reconnectMax, learnDevice);
    }
}
