package dev.metertap.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A realistic EMU-2 byte stream, from a seed: mostly InstantaneousDemand, with summation, price
 * and link status as a real unit sends them, CRLF lines, two-space indent, and a share of
 * fragments cut short by the next one (the device's clobbering).
 */
final class DeviceStream {

    private DeviceStream() {
    }

    /** The stream and how many intact fragments it holds. */
    record Sample(byte[] bytes, int intactFragments) {
    }

    static Sample generate(long seed, int fragments, double clobberRate) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(fragments * 460);
        int intact = 0;
        long time = 0x2dedc9c0L;
        for (int i = 0; i < fragments; i++) {
            time += 8 + random.nextInt(4);
            String fragment = switch (random.nextInt(20)) {
                case 0, 1 -> summation(time, random);
                case 2 -> price(time);
                case 3 -> connection(random);
                default -> demand(time, random);
            };
            if (random.nextDouble() < clobberRate) {
                out.writeBytes(fragment.substring(0, 1 + random.nextInt(fragment.length() - 12)).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.writeBytes(fragment.getBytes(StandardCharsets.ISO_8859_1));
                intact++;
            }
        }
        return new Sample(out.toByteArray(), intact);
    }

    private static final String HEAD = "  <DeviceMacId>0xd8d5b90000001234</DeviceMacId>\r\n  <MeterMacId>0x00135003004f5a6b</MeterMacId>\r\n";

    private static String demand(long time, SplittableRandom random) {
        int watts = random.nextInt(-3000, 9000);
        String raw = watts < 0 ? String.format("0x%08x", watts) : String.format("0x%06x", watts);
        return "<InstantaneousDemand>\r\n" + HEAD + "  <TimeStamp>" + String.format("0x%08x", time) + "</TimeStamp>\r\n"
                + "  <Demand>" + raw + "</Demand>\r\n  <Multiplier>0x00000001</Multiplier>\r\n  <Divisor>0x000003e8</Divisor>\r\n"
                + "  <DigitsRight>0x03</DigitsRight>\r\n  <DigitsLeft>0x06</DigitsLeft>\r\n"
                + "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n</InstantaneousDemand>\r\n";
    }

    private static String summation(long time, SplittableRandom random) {
        return "<CurrentSummationDelivered>\r\n" + HEAD + "  <TimeStamp>" + String.format("0x%08x", time) + "</TimeStamp>\r\n"
                + "  <SummationDelivered>" + String.format("0x%016x", 20_000_000L + random.nextInt(1_000_000)) + "</SummationDelivered>\r\n"
                + "  <SummationReceived>0x0000000000000000</SummationReceived>\r\n  <Multiplier>0x00000001</Multiplier>\r\n"
                + "  <Divisor>0x000003e8</Divisor>\r\n  <DigitsRight>0x01</DigitsRight>\r\n  <DigitsLeft>0x06</DigitsLeft>\r\n"
                + "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n</CurrentSummationDelivered>\r\n";
    }

    private static String price(long time) {
        return "<PriceCluster>\r\n" + HEAD + "  <TimeStamp>" + String.format("0x%08x", time) + "</TimeStamp>\r\n"
                + "  <Price>0x0000013b</Price>\r\n  <Currency>0x0348</Currency>\r\n  <TrailingDigits>0x03</TrailingDigits>\r\n"
                + "  <Tier>0x01</Tier>\r\n  <StartTime>0xffffffff</StartTime>\r\n  <Duration>0xffff</Duration>\r\n"
                + "  <RateLabel>Tier 1</RateLabel>\r\n</PriceCluster>\r\n";
    }

    private static String connection(SplittableRandom random) {
        return "<ConnectionStatus>\r\n" + HEAD + "  <Status>Connected</Status>\r\n  <Description>Successfully Joined</Description>\r\n"
                + "  <ExtPanId>0x000781000086d0fe</ExtPanId>\r\n  <Channel>25</Channel>\r\n  <ShortAddr>0xe1aa</ShortAddr>\r\n"
                + "  <LinkStrength>" + String.format("0x%02x", random.nextInt(101)) + "</LinkStrength>\r\n</ConnectionStatus>\r\n";
    }
}
