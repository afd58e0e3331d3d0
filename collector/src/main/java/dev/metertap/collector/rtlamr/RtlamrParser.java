package dev.metertap.collector.rtlamr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one line of {@code rtlamr -format=json} into one {@link RtlamrMessage}, checking every field metertap
 * uses for presence, type and range (rtlamr writes unsigned integers of the packet's widths). The line is
 * already bounded by {@link RtlamrLines}; nesting and string lengths are bounded here too.
 */
public final class RtlamrParser {

    private static final long UINT32 = 0xFFFF_FFFFL;

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    public RtlamrParser() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(4096).maxNumberLength(24).build());
    }

    public RtlamrMessage parse(String line) throws NotRtlamrException {
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new NotRtlamrException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new NotRtlamrException("not a JSON object");
        }
        JsonNode type = root.get("Type");
        JsonNode message = root.get("Message");
        if (type == null || !type.isTextual() || message == null || !message.isObject()) {
            throw new NotRtlamrException("no \"Type\" and \"Message\": not rtlamr's -format=json");
        }
        Instant time = time(root.get("Time"));
        Fields in = new Fields(type.asText(), message);
        return switch (type.asText()) {
            case "SCM" -> new RtlamrMessage.Scm(time, in.id("ID"), in.unsigned("Type", 0xF), in.unsigned("TamperPhy", 3),
                    in.unsigned("TamperEnc", 3), in.unsigned("Consumption", 0xFF_FFFF));
            case "SCM+" -> new RtlamrMessage.ScmPlus(time, in.unsigned("ProtocolID", 0xFF), in.unsigned("EndpointType", 0xFF),
                    in.id("EndpointID"), in.unsigned("Consumption", UINT32), in.unsigned("Tamper", 0xFFFF));
            case "IDM" -> new RtlamrMessage.Idm(time, in.unsigned("ERTType", 0xFF), in.id("ERTSerialNumber"),
                    in.unsigned("ConsumptionIntervalCount", 0xFF), in.unsigned("LastConsumptionCount", UINT32),
                    in.intervals(RtlamrMessage.Idm.INTERVALS, 0, 0x1FF), in.unsigned("TransmitTimeOffset", 0xFFFF));
            // NetIDM's 14-bit intervals are signed in newer rtlamr, unsigned in older: accept both ranges
            case "NetIDM" -> new RtlamrMessage.NetIdm(time, in.unsigned("ERTType", 0xFF), in.id("ERTSerialNumber"),
                    in.unsigned("ConsumptionIntervalCount", 0xFF), in.unsigned("LastGeneration", UINT32),
                    in.unsigned("LastConsumption", UINT32), in.unsigned("LastConsumptionNet", UINT32),
                    in.intervals(RtlamrMessage.NetIdm.INTERVALS, -0x2000, 0x3FFF), in.unsigned("TransmitTimeOffset", 0xFFFF));
            case "R900", "R900BCD" -> new RtlamrMessage.R900(time, type.asText(), in.id("ID"), in.unsigned("Unkn1", 0xFF),
                    in.unsigned("NoUse", 0xFF), in.unsigned("BackFlow", 0xFF), in.unsigned("Consumption", UINT32),
                    in.unsigned("Leak", 0xFF), in.unsigned("LeakNow", 0xFF));
            default -> throw new NotRtlamrException("an rtlamr message of a type metertap does not read: \""
                    + printable(type.asText()) + "\"");
        };
    }

    private static Instant time(JsonNode time) throws NotRtlamrException {
        if (time == null || !time.isTextual()) {
            throw new NotRtlamrException("no \"Time\"");
        }
        try {
            // Go writes RFC 3339 with up to nine fraction digits and the host's offset
            return OffsetDateTime.parse(time.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new NotRtlamrException("\"Time\" is not an RFC 3339 time: \"" + printable(time.asText()) + "\"");
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private record Fields(String type, JsonNode message) {

        long id(String name) throws NotRtlamrException {
            long id = unsigned(name, UINT32);
            if (id == 0) {
                throw new NotRtlamrException(type + " message with meter id 0");
            }
            return id;
        }

        int unsigned(String name, int max) throws NotRtlamrException {
            return (int) unsigned(name, (long) max);
        }

        long unsigned(String name, long max) throws NotRtlamrException {
            JsonNode node = message.get(name);
            if (node == null || !node.isIntegralNumber()) {
                throw new NotRtlamrException(type + " message without a whole number \"" + name + "\"");
            }
            if (!node.canConvertToLong() || node.asLong() < 0 || node.asLong() > max) {
                throw new NotRtlamrException(type + " message with \"" + name + "\" out of range: " + node.asText());
            }
            return node.asLong();
        }

        List<Integer> intervals(int count, int min, int max) throws NotRtlamrException {
            JsonNode node = message.get("DifferentialConsumptionIntervals");
            if (node == null || !node.isArray() || node.size() != count) {
                throw new NotRtlamrException(type + " message without its " + count + " \"DifferentialConsumptionIntervals\"");
            }
            List<Integer> out = new ArrayList<>(count);
            for (JsonNode value : node) {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
                    throw new NotRtlamrException(type + " message with an interval out of range: " + value.asText());
                }
                out.add(value.asInt());
            }
            return out;
        }
    }
}
