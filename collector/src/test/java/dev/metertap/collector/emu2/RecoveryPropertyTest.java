package dev.metertap.collector.emu2;

import dev.metertap.collector.emu2.wire.ConnectionStatus;
import dev.metertap.collector.emu2.wire.CurrencyCode;
import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.emu2.wire.DisplayFormat;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.Emu2Time;
import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.PriceCluster;
import dev.metertap.collector.emu2.wire.Scale;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generated device streams, each from a fixed seed: fragments cut short by the next one at
 * random bytes (clobber rates from 0 to 50 %), sometimes with the cut fragment's remainder
 * written later, stale tails at the start, NULs and noise between fragments, fed in random
 * chunks. Every fragment written intact must come out with exactly its values, in order, and
 * nothing else may. The generator writes bytes on its own, from the protocol reference.
 */
class RecoveryPropertyTest {

    private static final long BASE_SEED = 20261123L;
    private static final int STREAMS = 10_000;
    private static final byte[] NOISE = "\0\0\0\u00ff \r\n<>/xX0123456789abcdefZ&;".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void recoversEveryIntactFragmentAndInventsNothing() {
        long fragments = 0;
        long intact = 0;
        long recovered = 0;
        long falseValues = 0;
        for (int stream = 0; stream < STREAMS; stream++) {
            long seed = BASE_SEED + stream;
            double clobberRate = (stream % 6) / 10.0;  // 0 % to 50 %
            GeneratedStream generated = generate(new SplittableRandom(seed), clobberRate);
            List<Emu2Message> decoded;
            try {
                decoded = decodeInRandomChunks(generated.bytes(), new SplittableRandom(~seed));
            } catch (RuntimeException e) {
                throw new AssertionError("exception escaped for seed " + seed, e);
            }
            fragments += generated.written();
            intact += generated.intact().size();
            List<Emu2Message> unexpected = new ArrayList<>(decoded);
            for (Emu2Message message : generated.intact()) {
                if (unexpected.remove(message)) {
                    recovered++;
                }
            }
            falseValues += unexpected.size();
            if (!decoded.equals(generated.intact())) {
                fail("seed %d (clobber rate %.0f %%): expected %s%nbut decoded %s%nstream: %s", seed, clobberRate * 100,
                        generated.intact(), decoded, new String(generated.bytes(), StandardCharsets.ISO_8859_1));
            }
        }
        System.out.printf("recovery property: streams=%d fragments=%d intact=%d recovered=%d false=%d (base seed %d)%n",
                STREAMS, fragments, intact, recovered, falseValues, BASE_SEED);
        assertThat(recovered).isEqualTo(intact);
        assertThat(falseValues).isZero();
    }

    record GeneratedStream(byte[] bytes, int written, List<Emu2Message> intact) {
    }

    private static GeneratedStream generate(SplittableRandom random, double clobberRate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Emu2Message> intact = new ArrayList<>();
        if (random.nextBoolean()) {
            String stale = render(randomMessage(random));
            out.writeBytes(latin1(stale.substring(1 + random.nextInt(stale.length() - 1))));  // a stale tail at open
        }
        int count = 5 + random.nextInt(20);
        String pendingRemainder = null;
        for (int i = 0; i < count; i++) {
            Emu2Message message = randomMessage(random);
            String text = render(message);
            boolean last = i == count - 1;
            if (!last && random.nextDouble() < clobberRate) {
                // cut anywhere before the end of the root end tag: the fragment is damaged
                int end = text.lastIndexOf('>') + 1;
                int cut = 1 + random.nextInt(end - 1);
                out.writeBytes(latin1(text.substring(0, cut)));
                if (random.nextInt(4) == 0) {
                    pendingRemainder = text.substring(cut);  // written after the fragment that cut it
                }
                continue;
            }
            out.writeBytes(latin1(text));
            intact.add(message);
            if (pendingRemainder != null) {
                out.writeBytes(latin1(pendingRemainder));
                pendingRemainder = null;
            }
            if (random.nextInt(5) == 0) {
                int noise = 1 + random.nextInt(12);
                for (int k = 0; k < noise; k++) {
                    out.write(NOISE[random.nextInt(NOISE.length)]);
                }
            }
        }
        return new GeneratedStream(out.toByteArray(), count, intact);
    }

    private static List<Emu2Message> decodeInRandomChunks(byte[] bytes, SplittableRandom random) {
        List<Emu2Message> decoded = new ArrayList<>();
        Emu2Decoder decoder = new Emu2Decoder();
        int at = 0;
        while (at < bytes.length) {
            int chunk = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 600));
            decoder.feed(bytes, at, chunk, decoded::add);
            at += chunk;
        }
        return decoded;
    }

    // --- a device-like writer, independent of the collector's code -------------------------------

    private static final MacId DEVICE = new MacId(0xd8d5b90000001234L);
    private static final MacId[] METERS = {new MacId(0x00135003004f5a6bL), new MacId(0x001c640000000042L)};
    private static final Optional<DisplayFormat> FORMAT = Optional.of(new DisplayFormat(3, 6, true));

    private static Emu2Message randomMessage(SplittableRandom random) {
        MacId meter = METERS[random.nextInt(METERS.length)];
        Emu2Time time = new Emu2Time(0x2d000000L + random.nextInt(0x01000000));
        Scale scale = random.nextInt(10) == 0 ? new Scale(random.nextInt(4), random.nextBoolean() ? 0 : 1000) : Scale.KILO;
        return switch (random.nextInt(4)) {
            case 0 -> new InstantaneousDemand(DEVICE, meter, time, random.nextInt(-20_000, 60_000), scale, FORMAT);
            case 1 -> new CurrentSummationDelivered(DEVICE, meter, time, random.nextLong(0, 1L << 40),
                    random.nextLong(0, 1L << 30), scale, FORMAT);
            case 2 -> new PriceCluster(DEVICE, meter, time, random.nextInt(3) == 0 ? PriceCluster.NO_PRICE : random.nextInt(0, 1_000_000),
                    new CurrencyCode(840), random.nextInt(0, 6), random.nextInt(0, 5), Optional.empty(), Optional.empty(),
                    random.nextBoolean() ? Optional.of("Tier " + random.nextInt(9)) : Optional.empty());
            default -> new ConnectionStatus(DEVICE, Optional.of(meter), random.nextBoolean() ? "Connected" : "Rejoining",
                    Optional.empty(), Optional.empty(), Optional.of(new MacId(random.nextLong())), Optional.of(11 + random.nextInt(16)),
                    Optional.of(random.nextInt(0x10000)), random.nextInt(0, 101));
        };
    }

    private static String render(Emu2Message message) {
        StringBuilder out = new StringBuilder(512);
        out.append('<').append(message.rootName()).append(">\r\n");
        if (message instanceof InstantaneousDemand d) {
            child(out, "DeviceMacId", mac(d.device()));
            child(out, "MeterMacId", mac(d.meter()));
            child(out, "TimeStamp", hex(d.timeStamp().seconds(), 8));
            child(out, "Demand", d.demand() < 0 ? hex(d.demand() & 0xffffffffL, 8) : hex(d.demand(), 6));
            scaleAndFormat(out, d.scale());
        } else if (message instanceof CurrentSummationDelivered s) {
            child(out, "DeviceMacId", mac(s.device()));
            child(out, "MeterMacId", mac(s.meter()));
            child(out, "TimeStamp", hex(s.timeStamp().seconds(), 8));
            child(out, "SummationDelivered", hex(s.summationDelivered(), 16));
            child(out, "SummationReceived", hex(s.summationReceived(), 16));
            scaleAndFormat(out, s.scale());
        } else if (message instanceof PriceCluster p) {
            child(out, "DeviceMacId", mac(p.device()));
            child(out, "MeterMacId", mac(p.meter()));
            child(out, "TimeStamp", hex(p.timeStamp().seconds(), 8));
            child(out, "Price", hex(p.price(), 8));
            child(out, "Currency", hex(p.currency().numeric(), 4));
            child(out, "TrailingDigits", hex(p.trailingDigits(), 2));
            child(out, "Tier", hex(p.tier(), 2));
            child(out, "RateLabel", p.label().orElse(""));
        } else if (message instanceof ConnectionStatus c) {
            child(out, "DeviceMacId", mac(c.device()));
            child(out, "MeterMacId", mac(c.meter().orElseThrow()));
            child(out, "Status", c.status());
            child(out, "ExtPanId", mac(c.extPanId().orElseThrow()));
            child(out, "Channel", Integer.toString(c.channel().orElseThrow()));
            child(out, "ShortAddr", hex(c.shortAddr().orElseThrow(), 4));
            child(out, "LinkStrength", hex(c.linkStrength(), 2));
        } else {
            throw new IllegalArgumentException("not generated: " + message);
        }
        return out.append("</").append(message.rootName()).append(">\r\n").toString();
    }

    private static void scaleAndFormat(StringBuilder out, Scale scale) {
        child(out, "Multiplier", hex(scale.multiplier(), 8));
        child(out, "Divisor", hex(scale.divisor(), 8));
        child(out, "DigitsRight", "0x03");
        child(out, "DigitsLeft", "0x06");
        child(out, "SuppressLeadingZero", "Y");
    }

    private static void child(StringBuilder out, String name, String value) {
        out.append("  <").append(name).append('>').append(value).append("</").append(name).append(">\r\n");
    }

    private static String mac(MacId id) {
        return hex(id.value(), 16);
    }

    private static String hex(long value, int width) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
