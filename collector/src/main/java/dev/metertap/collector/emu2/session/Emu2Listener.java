package dev.metertap.collector.emu2.session;

import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.reading.Reading;

/** What a session reports, on its reader thread. Keep handlers quick (hand heavy work on). */
public interface Emu2Listener {

    /** Every decoded message, replies and repeats included. */
    default void onMessage(Emu2Message message) {
    }

    /** Each new reading once: repeats of a cached reading are not passed on. */
    default void onReading(Reading reading) {
    }

    default void onConnected(String where) {
    }

    /**
     * After each connect, once the device has said who it is and which meters it reads, or those questions were
     * given up (at once when {@link Emu2Options#learnDevice} is off). Called on the thread that completed the last
     * question: keep it quick.
     */
    default void onIdentified(String where) {
    }

    /** {@code why} is {@code "closed"} when the session itself was closed. */
    default void onDisconnected(String where, String why) {
    }
}
