package dev.metertap.demo;

/** The demo could not finish; the message is the one line the user sees. */
final class DemoFailure extends RuntimeException {

    DemoFailure(String message) {
        super(message);
    }
}
