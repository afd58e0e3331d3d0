package dev.metertap.simulator.rtlamr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;

/**
 * Writes a message exactly as {@code rtlamr -format=json} 0.9.x does: Go's encoding/json, compact, fields in the
 * Go structs' order, {@code []byte} fields in base64, the envelope's time in Go's RFC 3339 with nanoseconds (trailing
 * zeros dropped) at the host's offset. Checksums are plausible 16-bit numbers, not real CRCs: nothing downstream of
 * rtlamr checks them (rtlamr already did).
 */
public final class RtlamrJson {

    private final ZoneId zone;

    public RtlamrJson(ZoneId zone) {
        this.zone = zone;
    }

    public String line(RadioMessage m) {
        StringBuilder out = new StringBuilder(m.meter().protocol().hasIntervals() ? 1100 : 220);
        out.append("{\"Time\":\"").append(goTime(m.at(), zone)).append("\",\"Offset\":0,\"Length\":0,\"Type\":\"")
                .append(m.meter().protocol().wireName()).append("\",\"Message\":{");
        RadioMeter meter = m.meter();
        switch (meter.protocol()) {
            case SCM -> out.append("\"ID\":").append(meter.id()).append(",\"Type\":").append(meter.ertType())
                    .append(",\"TamperPhy\":").append(m.tamper() & 3).append(",\"TamperEnc\":").append((m.tamper() >> 2) & 3)
                    .append(",\"Consumption\":").append(m.consumption()).append(",\"ChecksumVal\":").append(m.crc());
            case SCM_PLUS -> out.append("\"FrameSync\":5795,\"ProtocolID\":30,\"EndpointType\":").append(meter.ertType())
                    .append(",\"EndpointID\":").append(meter.id()).append(",\"Consumption\":").append(m.consumption())
                    .append(",\"Tamper\":").append(m.tamper()).append(",\"PacketCRC\":").append(m.crc());
            case IDM -> {
                out.append("\"Preamble\":1431639715,\"PacketTypeID\":28,\"PacketLength\":92,\"HammingCode\":198,")
                        .append("\"ApplicationVersion\":4,\"ERTType\":").append(meter.ertType())
                        .append(",\"ERTSerialNumber\":").append(meter.id())
                        .append(",\"ConsumptionIntervalCount\":").append(m.counter())
                        .append(",\"ModuleProgrammingState\":188,\"TamperCounters\":\"").append(bytes6(m.tamper()))
                        .append("\",\"AsynchronousCounters\":0,\"PowerOutageFlags\":\"").append(bytes6(0))
                        .append("\",\"LastConsumptionCount\":").append(m.consumption());
                intervals(out, m);
                out.append(",\"TransmitTimeOffset\":").append(m.transmitSixteenths())
                        .append(",\"SerialNumberCRC\":").append((int) (meter.id() * 31 & 0xFFFF)).append(",\"PacketCRC\":").append(m.crc());
            }
            case NET_IDM -> {
                out.append("\"Preamble\":1431639715,\"ProtocolID\":28,\"PacketLength\":92,\"HammingCode\":198,")
                        .append("\"ApplicationVersion\":4,\"ERTType\":").append(meter.ertType())
                        .append(",\"ERTSerialNumber\":").append(meter.id())
                        .append(",\"ConsumptionIntervalCount\":").append(m.counter())
                        .append(",\"ProgrammingState\":95,\"LastGeneration\":").append(m.generation())
                        .append(",\"LastConsumption\":").append(m.consumption())
                        .append(",\"LastConsumptionNet\":").append(m.net());
                intervals(out, m);
                out.append(",\"TransmitTimeOffset\":").append(m.transmitSixteenths())
                        .append(",\"SerialNumberCRC\":").append((int) (meter.id() * 31 & 0xFFFF)).append(",\"PacketCRC\":").append(m.crc());
            }
            case R900 -> out.append("\"ID\":").append(meter.id()).append(",\"Unkn1\":").append(meter.ertType())
                    .append(",\"NoUse\":0,\"BackFlow\":0,\"Consumption\":").append(m.consumption())
                    .append(",\"Unkn3\":0,\"Leak\":").append(m.tamper() & 7).append(",\"LeakNow\":0");
        }
        return out.append("}}").toString();
    }

    private static void intervals(StringBuilder out, RadioMessage m) {
        out.append(",\"DifferentialConsumptionIntervals\":[");
        for (int i = 0; i < m.intervals().size(); i++) {
            out.append(i == 0 ? "" : ",").append(m.intervals().get(i).value());
        }
        out.append(']');
    }

    private static String bytes6(int value) {
        byte[] six = {0, 0, (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
        return Base64.getEncoder().encodeToString(six);
    }

    /** Go's {@code time.RFC3339Nano}: {@code 2006-01-02T15:04:05.999999999Z07:00}. */
    static String goTime(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        StringBuilder out = new StringBuilder(36);
        out.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond()));
        int nanos = local.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
            out.append('.').append(fraction);
        }
        ZoneOffset offset = local.getOffset();
        if (offset.getTotalSeconds() == 0) {
            out.append('Z');
        } else {
            int minutes = Math.abs(offset.getTotalSeconds()) / 60;
            out.append(offset.getTotalSeconds() < 0 ? '-' : '+').append(String.format("%02d:%02d", minutes / 60, minutes % 60));
        }
        return out.toString();
    }
}
