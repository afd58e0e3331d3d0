package dev.metertap.collector.emu2;

import dev.metertap.collector.emu2.frame.Emu2Framer;
import dev.metertap.collector.emu2.frame.Fragment;
import dev.metertap.collector.emu2.frame.FragmentHandler;
import dev.metertap.collector.emu2.frame.FramerCounters;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.Emu2Parser;
import dev.metertap.collector.emu2.wire.RejectedFragmentException;

import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes in, messages out: a framer and a parser for one byte stream, with counts of what was
 * accepted and what was rejected and why. Not thread-safe; one per connection.
 */
public final class Emu2Decoder {

    /** What a decoder hands on. */
    public interface Listener {
        void onMessage(Emu2Message message);

        /** A well-formed fragment that could not be meaningful; by default ignored (it is counted). */
        default void onRejected(Fragment fragment, RejectedFragmentException reason) {
        }
    }

    private final Emu2Framer framer;
    private final Emu2Parser parser = new Emu2Parser();
    private final Map<String, Long> rejected = new TreeMap<>();
    private long accepted;
    private Listener listener;
    private final FragmentHandler handler = this::decode;

    public Emu2Decoder() {
        this(Emu2Framer.DEFAULT_MAX_FRAGMENT_BYTES);
    }

    public Emu2Decoder(int maxFragmentBytes) {
        this.framer = new Emu2Framer(maxFragmentBytes);
    }

    public void feed(byte[] bytes, int offset, int count, Listener listener) {
        this.listener = listener;
        framer.feed(bytes, offset, count, handler);
    }

    /** Forgets a partial fragment: the stream starts again (reconnect). Counts are kept. */
    public void reset() {
        framer.reset();
    }

    private void decode(Fragment fragment) {
        try {
            Emu2Message message = parser.parse(fragment);
            accepted++;
            listener.onMessage(message);
        } catch (RejectedFragmentException e) {
            rejected.merge(e.root() + ": " + e.category(), 1L, Long::sum);
            listener.onRejected(fragment, e);
        }
    }

    /** Fragments parsed into messages. */
    public long accepted() {
        return accepted;
    }

    /** Well-formed fragments rejected, counted by root and reason. */
    public Map<String, Long> rejectedByReason() {
        return Map.copyOf(rejected);
    }

    public FramerCounters framerCounters() {
        return framer.counters();
    }
}
