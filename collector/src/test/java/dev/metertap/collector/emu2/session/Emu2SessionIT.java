package dev.metertap.collector.emu2.session;

import dev.metertap.collector.emu2.command.GetCurrentSummationDelivered;
import dev.metertap.collector.emu2.command.GetDeviceInfo;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.simulator.script.ScriptedEmu2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole reading stack against a scripted device over a real pseudo-terminal (through
 * jSerialComm) and over TCP: a command reply cut short by a scheduled fragment is obtained by
 * retry, the device is unplugged and comes back at the same path, and no reading is duplicated.
 */
class Emu2SessionIT {

    private static final String DEVICE = "0xd8d5b90000001234";
    private static final String METER = "0x00135003004f5a6b";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"pty", "tcp"})
    void recoversClobberedReplyAndSurvivesUnplugWithoutDuplicates(String kind) throws Exception {
        Events events = new Events();
        Emu2Options options = Emu2Options.DEFAULTS.withReplyTimeout(Duration.ofMillis(500))
                .withCommandPace(Duration.ofMillis(20)).withLearnDevice(false);
        try (ScriptedEmu2 device = kind.equals("pty") ? ScriptedEmu2.onPty(dir.resolve("ttyEMU2")) : ScriptedEmu2.onTcp();
             Emu2Session session = new Emu2Session(Endpoint.parse(device.port()).transport(), options, events)) {
            session.start();
            events.awaitConnected();

            device.write(demand(0x2dedc9c0L, "0x0004d2"));
            assertThat(events.awaitReading()).isEqualTo(demandReading(0x2dedc9c0L, "1.234"));

            CompletableFuture<CurrentSummationDelivered> reply = session.client().send(new GetCurrentSummationDelivered());
            device.awaitCommand("get_current_summation_delivered", WAIT);
            String cutReply = summation(0x2dedc9c5L, "0x00000000001e8f3a");
            device.write(cutReply.substring(0, cutReply.indexOf("0x00000000001e8f3a") + 9) + demand(0x2dedc9caL, "0x0004d3"));
            assertThat(events.awaitReading()).as("the fragment that cut the reply").isEqualTo(demandReading(0x2dedc9caL, "1.235"));
            device.awaitCommand("get_current_summation_delivered", WAIT);  // the retry
            device.write(summation(0x2dedc9cbL, "0x00000000001e8f3b"));
            assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).deliveredKwh()).isEqualByComparingTo("2002.747");
            assertThat(events.awaitReading()).isInstanceOf(SummationReading.class);

            device.unplug();
            events.awaitDisconnected();
            long replugged = System.nanoTime();
            device.replug();
            events.awaitConnected();
            Duration reconnect = Duration.ofNanos(System.nanoTime() - replugged);
            assertThat(reconnect).as("reconnect after the device came back").isLessThan(Duration.ofSeconds(2));

            device.write(demand(0x2dedc9caL, "0x0004d3"));  // the device repeats its cached reading
            device.write(demand(0x2dedc9d4L, "0x0004d5"));
            assertThat(events.awaitReading()).isEqualTo(demandReading(0x2dedc9d4L, "1.237"));

            session.close();
            assertThat(events.readings).as("every reading once").hasSize(4).doesNotHaveDuplicates();
            Emu2Stats stats = session.stats();
            assertThat(stats.clobbered()).isEqualTo(1);
            assertThat(stats.duplicates()).isEqualTo(1);
            assertThat(stats.reconnects()).isEqualTo(1);
            assertThat(stats.accepted()).isEqualTo(5);
        }
    }

    @Test
    void failsClearlyWhenRepliesNeverCome() throws Exception {
        Events events = new Events();
        Emu2Options options = Emu2Options.DEFAULTS.withReplyTimeout(Duration.ofMillis(100))
                .withCommandPace(Duration.ofMillis(10)).withAttempts(3).withLearnDevice(false);
        try (ScriptedEmu2 device = ScriptedEmu2.onPty(dir.resolve("ttySilent"));
             Emu2Session session = new Emu2Session(Endpoint.parse(device.port()).transport(), options, events)) {
            session.start();
            events.awaitConnected();
            CompletableFuture<?> reply = session.client().send(new GetDeviceInfo());
            for (int attempt = 1; attempt <= 3; attempt++) {
                device.awaitCommand("get_device_info", WAIT);
            }
            assertThatThrownBy(() -> reply.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(NoReplyException.class).hasMessage("no reply to get_device_info after 3 attempts");
        }
    }

    @Test
    void unknownCommandFailsAtOnceWithoutRetry() throws Exception {
        Events events = new Events();
        Emu2Options options = Emu2Options.DEFAULTS.withReplyTimeout(Duration.ofSeconds(5)).withLearnDevice(false);
        try (ScriptedEmu2 device = ScriptedEmu2.onPty(dir.resolve("ttyWarn"));
             Emu2Session session = new Emu2Session(Endpoint.parse(device.port()).transport(), options, events)) {
            session.start();
            events.awaitConnected();
            device.enqueue("<Warning>\r\n  <Text>Unknown command</Text>\r\n</Warning>\r\n");
            CompletableFuture<?> reply = session.client().send(
                    dev.metertap.collector.emu2.command.NamedCommand.of("get_billing_periods", java.util.Map.of()));
            device.awaitCommand("get_billing_periods", WAIT);
            assertThatThrownBy(() -> reply.get(2, TimeUnit.SECONDS)).cause().isInstanceOf(UnknownCommandException.class);
        }
    }

    @Test
    void learnsTheDeviceFromNotificationsWhenRepliesNeverCome() throws Exception {
        Events events = new Events();
        Emu2Options options = Emu2Options.DEFAULTS.withReplyTimeout(Duration.ofMillis(50)).withAttempts(1)
                .withCommandPace(Duration.ofMillis(10));
        try (ScriptedEmu2 device = ScriptedEmu2.onPty(dir.resolve("ttyLearn"));
             Emu2Session session = new Emu2Session(Endpoint.parse(device.port()).transport(), options, events)) {
            session.start();
            events.awaitConnected();
            device.write(demand(0x2dedc9c0L, "0x0004d2"));
            events.awaitReading();
            session.learned().get(WAIT.toSeconds(), TimeUnit.SECONDS);  // the questions were given up
            assertThat(session.deviceInfo()).isEmpty();
            assertThat(session.device()).hasValueSatisfying(mac -> assertThat(mac).hasToString(DEVICE));
            assertThat(session.meters()).singleElement().hasToString(METER);
        }
    }

    @Test
    void passesOnEveryLinkChangeEvenWithinOneSecond() throws Exception {
        Events events = new Events();
        Emu2Options options = Emu2Options.DEFAULTS.withLearnDevice(false);
        try (ScriptedEmu2 device = ScriptedEmu2.onPty(dir.resolve("ttyLink"));
             Emu2Session session = new Emu2Session(Endpoint.parse(device.port()).transport(), options, events)) {
            session.start();
            events.awaitConnected();
            device.write(demand(0x2dedc9c0L, "0x0004d2"));  // the device clock, which link readings are timed by
            events.awaitReading();
            for (String status : new String[] {"Initializing...", "Joining", "Connected", "Connected"}) {
                device.write("<ConnectionStatus>\r\n  <DeviceMacId>" + DEVICE + "</DeviceMacId>\r\n  <MeterMacId>" + METER
                        + "</MeterMacId>\r\n  <Status>" + status + "</Status>\r\n  <LinkStrength>0x64</LinkStrength>\r\n"
                        + "</ConnectionStatus>\r\n");
            }
            assertThat(((LinkReading) events.awaitReading()).status()).isEqualTo("Initializing...");
            assertThat(((LinkReading) events.awaitReading()).status()).isEqualTo("Joining");
            assertThat(((LinkReading) events.awaitReading()).status()).isEqualTo("Connected");
            device.write(demand(0x2dedc9caL, "0x0004d3"));
            assertThat(events.awaitReading()).as("the repeated Connected was not passed on").isInstanceOf(DemandReading.class);
            assertThat(session.link().isConnected()).isTrue();
        }
    }

    private static DemandReading demandReading(long deviceSeconds, String kw) {
        return new DemandReading(DEVICE, METER, Instant.ofEpochSecond(946_684_800L + deviceSeconds), new BigDecimal(kw));
    }

    static String demand(long timeStamp, String raw) {
        return "<InstantaneousDemand>\r\n  <DeviceMacId>" + DEVICE + "</DeviceMacId>\r\n  <MeterMacId>" + METER
                + "</MeterMacId>\r\n  <TimeStamp>0x" + Long.toHexString(timeStamp) + "</TimeStamp>\r\n  <Demand>" + raw
                + "</Demand>\r\n  <Multiplier>0x00000001</Multiplier>\r\n  <Divisor>0x000003e8</Divisor>\r\n"
                + "  <DigitsRight>0x03</DigitsRight>\r\n  <DigitsLeft>0x06</DigitsLeft>\r\n"
                + "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n</InstantaneousDemand>\r\n";
    }

    static String summation(long timeStamp, String delivered) {
        return "<CurrentSummationDelivered>\r\n  <DeviceMacId>" + DEVICE + "</DeviceMacId>\r\n  <MeterMacId>" + METER
                + "</MeterMacId>\r\n  <TimeStamp>0x" + Long.toHexString(timeStamp) + "</TimeStamp>\r\n  <SummationDelivered>"
                + delivered + "</SummationDelivered>\r\n  <SummationReceived>0x0000000000000000</SummationReceived>\r\n"
                + "  <Multiplier>0x00000001</Multiplier>\r\n  <Divisor>0x000003e8</Divisor>\r\n"
                + "  <DigitsRight>0x01</DigitsRight>\r\n  <DigitsLeft>0x06</DigitsLeft>\r\n"
                + "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n</CurrentSummationDelivered>\r\n";
    }

    /** Records what the session reports; tests wait on it with a deadline. */
    static final class Events implements Emu2Listener {
        final List<Reading> readings = new ArrayList<>();
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void onReading(Reading reading) {
            synchronized (readings) {
                readings.add(reading);
            }
            queue.add(reading);
        }

        @Override
        public void onConnected(String where) {
            queue.add("connected");
        }

        @Override
        public void onDisconnected(String where, String why) {
            queue.add("disconnected");
        }

        Reading awaitReading() throws InterruptedException {
            return (Reading) await(Reading.class);
        }

        void awaitConnected() throws InterruptedException {
            assertThat(await(String.class)).isEqualTo("connected");
        }

        void awaitDisconnected() throws InterruptedException {
            assertThat(await(String.class)).isEqualTo("disconnected");
        }

        private Object await(Class<?> type) throws InterruptedException {
            Object event = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within %s", WAIT).isNotNull();
            assertThat(event).isInstanceOf(type);
            return event;
        }
    }
}
