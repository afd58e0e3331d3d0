package dev.metertap.simulator.endpoint;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutletTest {

    private final List<byte[]> writes = new ArrayList<>();
    private final List<Long> writtenAt = new ArrayList<>();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    @Test
    void bytesLeaveInUsbPacketsOfAtMost64Bytes() throws Exception {
        byte[] fragment = fragment(300);
        run(new WireTiming(WireTiming.USB_PACKET_BYTES, () -> 0, () -> 0), fragment, 5);

        assertThat(writes).extracting(w -> w.length).containsExactly(64, 64, 64, 64, 44);
        assertThat(all.toByteArray()).isEqualTo(fragment);
    }

    @Test
    void wholeWritesGoOutAsWritten() throws Exception {
        byte[] fragment = fragment(300);
        run(WireTiming.AS_WRITTEN, fragment, 1);
        assertThat(writes).singleElement().isEqualTo(fragment);
    }

    @Test
    void aWriteTakesTheTimeTheDevicesRateSays() throws Exception {
        // 640 bytes at 6,400 bytes a second: the tenth packet leaves 90 ms after the first, or later on a busy machine
        run(new WireTiming(64, () -> 6400, () -> 0), fragment(640), 10);
        assertThat(writtenAt.get(9) - writtenAt.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(89));
    }

    @Test
    void awaitingTheDrainReturnsOnceEverythingQueuedIsWrittenAndNotBefore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Outlet outlet = new Outlet("test", b -> {
            try {
                release.await(); // a reader that does not read until told to
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            synchronized (writes) {
                all.write(b);
            }
        }, WireTiming.AS_WRITTEN)) {
            outlet.start();
            outlet.send(fragment(100));
            outlet.send(fragment(50));
            assertThat(outlet.awaitDrained(System.nanoTime())).as("nothing written yet").isFalse();
            assertThat(outlet.pendingBytes()).isEqualTo(150);
            release.countDown();
            assertThat(outlet.awaitDrained(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).isTrue();
            assertThat(outlet.pendingBytes()).isZero();
            synchronized (writes) {
                assertThat(all.size()).isEqualTo(150);
            }
        }
    }

    private void run(WireTiming timing, byte[] bytes, int expectedWrites) throws Exception {
        CountDownLatch done = new CountDownLatch(expectedWrites);
        try (Outlet outlet = new Outlet("test", b -> {
            synchronized (writes) {
                writes.add(b);
                writtenAt.add(System.nanoTime());
                all.write(b);
            }
            done.countDown();
        }, timing)) {
            outlet.start();
            outlet.send(bytes);
            assertThat(done.await(30, TimeUnit.SECONDS)).as("%d writes", expectedWrites).isTrue();
        }
    }

    private static byte[] fragment(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
