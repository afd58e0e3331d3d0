package dev.metertap.simulator.journal;

import java.time.Instant;
import java.util.Map;

/**
 * A command the device received and what it did with it.
 *
 * @param name     the command name in lowercase, as parsed leniently
 * @param params   parameters, keys in lowercase
 * @param origin   the endpoint it came in on ({@code pty}, {@code tcp:/127.0.0.1:4711}, {@code stdio}, {@code api})
 * @param outcome  what happened to it
 * @param replies  number of fragments written in reply
 */
public record CommandEntry(long sequence, Instant at, String name, Map<String, String> params, String origin,
                           Outcome outcome, int replies) implements JournalEntry {

    public CommandEntry {
        params = Map.copyOf(params);
    }

    /** What the device did with a command. */
    public enum Outcome {
        /** Answered (or acted on, for commands that have no reply). */
        ANSWERED,
        /** Understood, but the reply was dropped (fault {@code drop-replies}). */
        REPLY_DROPPED,
        /** Ignored: arrived too soon after the previous command (fault {@code command-gap}). */
        IGNORED_TOO_CLOSE,
        /** Ignored: the device is silent or unplugged. */
        IGNORED_SILENT,
        /** Unknown name: answered with a Warning. */
        UNKNOWN,
        /** A parameter could not be read: ignored, as the device does. */
        INVALID
    }

    public boolean answered() {
        return outcome == Outcome.ANSWERED || outcome == Outcome.UNKNOWN;
    }
}
