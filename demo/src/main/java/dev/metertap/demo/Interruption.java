package dev.metertap.demo;

import sun.misc.Signal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Ctrl-C during the demo: the run stops at its next wait and still prints what it has. Only a thread that is
 * waiting is interrupted, so a Ctrl-C never lands in the middle of writing a file or the store.
 */
final class Interruption {

    /** Thrown out of a wait once Ctrl-C was pressed. */
    static final class Requested extends RuntimeException {
        Requested() {
            super("interrupted", null, false, false);
        }
    }

    /** A blocking wait that an interrupt ends. */
    interface Wait<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private boolean requested;
    private Thread waiting;

    /** One that only {@link #request()} triggers (tests). */
    static Interruption none() {
        return new Interruption();
    }

    /** One that SIGINT (Ctrl-C) triggers; a second Ctrl-C ends the process at once, for a stop that hangs. */
    static Interruption onSigint() {
        Interruption interruption = new Interruption();
        Signal.handle(new Signal("INT"), signal -> {
            if (interruption.requested()) {
                System.exit(130);
            }
            interruption.request();
        });
        return interruption;
    }

    synchronized void request() {
        requested = true;
        if (waiting != null) {
            waiting.interrupt();
        }
    }

    synchronized boolean requested() {
        return requested;
    }

    /** Runs {@code wait}, or throws {@link Requested} at once or as soon as Ctrl-C is pressed. */
    <T> T await(Wait<T> wait) throws ExecutionException, TimeoutException {
        synchronized (this) {
            if (requested) {
                throw new Requested();
            }
            waiting = Thread.currentThread();
        }
        try {
            return wait.get();
        } catch (InterruptedException e) {
            throw new Requested();
        } finally {
            synchronized (this) {
                waiting = null;
                // an interrupt that came as the wait returned is not left for the next, unrelated, blocking call
                boolean wasInterrupted = Thread.interrupted();
                if (wasInterrupted && !requested) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
