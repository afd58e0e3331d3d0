package dev.metertap.collector.emu2;

import dev.metertap.collector.emu2.frame.Fragment;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.RejectedFragmentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What a decoder made of a byte stream fed in given chunks: messages, and rejections as text. */
record DecodedStream(List<Object> events, Emu2Decoder decoder) {

    static byte[] fixture(String name) {
        try (InputStream in = DecodedStream.class.getResourceAsStream("/emu2/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DecodedStream whole(byte[] bytes) {
        return split(bytes, new int[0]);
    }

    /** Feeds {@code bytes} cut at the given ascending offsets. */
    static DecodedStream split(byte[] bytes, int... cuts) {
        Emu2Decoder decoder = new Emu2Decoder();
        List<Object> events = new ArrayList<>();
        Emu2Decoder.Listener listener = new Emu2Decoder.Listener() {
            @Override
            public void onMessage(Emu2Message message) {
                events.add(message);
            }

            @Override
            public void onRejected(Fragment fragment, RejectedFragmentException reason) {
                events.add("rejected " + reason.root() + ": " + reason.reason());
            }
        };
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(bytes, from, cut - from, listener);
            from = cut;
        }
        decoder.feed(bytes, from, bytes.length - from, listener);
        return new DecodedStream(events, decoder);
    }

    static DecodedStream byteByByte(byte[] bytes) {
        int[] cuts = new int[Math.max(0, bytes.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return split(bytes, cuts);
    }
}
