package dev.metertap.collector.emu2.frame;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The framer's bounds: size and child count, right at the edges, in every chunking. */
class FramerBoundsTest {

    private static final int MAX = 256;
    private static final String NEXT = "<Warning><Text>next</Text></Warning>";

    private static List<String> frame(String stream, int chunk) {
        Emu2Framer framer = new Emu2Framer(MAX);
        List<String> fragments = new ArrayList<>();
        byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < bytes.length; at += chunk) {
            framer.feed(bytes, at, Math.min(chunk, bytes.length - at), fragment -> fragments.add(fragment.toString()));
        }
        return fragments;
    }

    @Test
    void keepsFragmentsUpToTheBoundAndDropsLargerOnesWithoutLosingTheNext() {
        for (int textLength = MAX - 60; textLength <= MAX + 10; textLength++) {
            String big = "<Warning><Text>" + "x".repeat(textLength) + "</Text></Warning>";
            for (int chunk : new int[] {1, 7, 64, 4096}) {
                List<String> fragments = frame(big + NEXT, chunk);
                if (big.length() <= MAX) {
                    assertThat(fragments).as("%d bytes, chunks of %d", big.length(), chunk).containsExactly(big, NEXT);
                } else {
                    assertThat(fragments).as("%d bytes, chunks of %d", big.length(), chunk).containsExactly(NEXT);
                }
            }
        }
    }

    @Test
    void dropsAFragmentWithTooManyChildren() {
        String many = "<MeterList>" + "<M>1</M>".repeat(Emu2Framer.MAX_CHILDREN + 1) + "</MeterList>";
        Emu2Framer framer = new Emu2Framer(64 * 1024);
        List<String> fragments = new ArrayList<>();
        framer.feed((many + NEXT).getBytes(StandardCharsets.ISO_8859_1), fragment -> fragments.add(fragment.toString()));
        assertThat(fragments).containsExactly(NEXT);
        assertThat(framer.counters().oversized()).isEqualTo(1);
    }

    @Test
    void rejectsOverlongTagNames() {
        String name = "A".repeat(Emu2Framer.MAX_NAME_LENGTH + 1);
        assertThat(frame("<" + name + "><Text>x</Text></" + name + ">" + NEXT, 4096)).containsExactly(NEXT);
    }
}
