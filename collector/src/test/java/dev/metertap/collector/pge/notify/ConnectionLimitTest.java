package dev.metertap.collector.pge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which connection makes room at the limit, on channels that only pretend to come from an address. */
class ConnectionLimitTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ConnectionLimit limit = new ConnectionLimit(3, new PressureLog(Duration.ofSeconds(30), 3, scheduler));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A connected channel from {@code host}. */
    private static EmbeddedChannel from(String host) {
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(host, 40000);
            }
        };
    }

    @Test
    void atTheLimitTheBusiestAddressGivesUpItsLongestWaitingConnection() {
        EmbeddedChannel pge = from("10.0.0.1");
        EmbeddedChannel flood1 = from("10.0.0.9");
        EmbeddedChannel flood2 = from("10.0.0.9");
        assertThat(limit.admit(pge)).isTrue();
        assertThat(limit.admit(flood1)).isTrue();
        assertThat(limit.admit(flood2)).isTrue();

        EmbeddedChannel flood3 = from("10.0.0.9");
        assertThat(limit.admit(flood3)).isTrue();

        // pge waited longest, but its address holds one connection, the flood's two
        assertThat(pge.isOpen()).isTrue();
        assertThat(flood1.isOpen()).isFalse();
        assertThat(flood2.isOpen()).isTrue();
        assertThat(limit.counts()).isEqualTo(new ConnectionCounts(3, 3, 4, 1, 0, 0));
    }

    @Test
    void withOneConnectionPerAddressTheLongestWaitingMakesRoom() {
        EmbeddedChannel first = from("10.0.0.1");
        EmbeddedChannel second = from("10.0.0.2");
        EmbeddedChannel third = from("10.0.0.3");
        limit.admit(first);
        limit.admit(second);
        limit.admit(third);
        limit.waiting(first); // answered, waiting again: now the one that has waited least

        assertThat(limit.admit(from("10.0.0.4"))).isTrue();

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isFalse();
        assertThat(third.isOpen()).isTrue();
    }

    @Test
    void aConnectionBeingAnsweredKeepsItsPlaceAndWhenAllAreTheNewOneIsRefused() {
        EmbeddedChannel a = from("10.0.0.9");
        EmbeddedChannel b = from("10.0.0.9");
        EmbeddedChannel c = from("10.0.0.9");
        limit.admit(a);
        limit.admit(b);
        limit.admit(c);
        limit.busy(a);
        limit.busy(b);

        EmbeddedChannel d = from("10.0.0.9");
        assertThat(limit.admit(d)).isTrue();
        assertThat(c.isOpen()).isFalse(); // the only one waiting

        limit.busy(d);
        EmbeddedChannel refused = from("10.0.0.1");
        assertThat(limit.admit(refused)).isFalse();
        assertThat(refused.isOpen()).isFalse();
        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
        assertThat(d.isOpen()).isTrue();
        assertThat(limit.counts()).isEqualTo(new ConnectionCounts(3, 3, 4, 1, 1, 0));
    }

    @Test
    void aClosedConnectionFreesItsPlace() {
        EmbeddedChannel a = from("10.0.0.1");
        limit.admit(a);
        limit.admit(from("10.0.0.2"));
        a.close();
        assertThat(limit.counts().open()).isEqualTo(1);
    }
}
