package dev.metertap.collector.rtlamr;

import java.time.Instant;
import java.util.List;

/**
 * One message as {@code rtlamr -format=json} writes it (v0.9.x): the envelope's {@code Time} and {@code Type}
 * with the decoded packet, named after rtlamr's own JSON fields. Only the fields metertap uses are kept; the
 * rest (preambles, CRCs, base64 tamper and outage flags) are checked for shape and dropped.
 */
public sealed interface RtlamrMessage {

    /** The envelope's {@code Time}: when rtlamr decoded the packet, by the receiving host's clock. */
    Instant time();

    /** The envelope's {@code Type} as sent ({@code SCM}, {@code SCM+}, {@code IDM}, {@code NetIDM}, {@code R900}, {@code R900BCD}). */
    String type();

    /** The meter's id: {@code ID}, {@code EndpointID} or {@code ERTSerialNumber}. */
    long meterId();

    /** The endpoint type: {@code Type}, {@code EndpointType}, {@code ERTType}; R900 has none and gives {@code Unkn1}. */
    int ertType();

    /** The running total: {@code Consumption}, IDM's {@code LastConsumptionCount}, NetIDM's {@code LastConsumption}. */
    long consumption();

    /**
     * {@code {"Type":"SCM","Message":{ID, Type, TamperPhy, TamperEnc, Consumption, ChecksumVal}}}.
     *
     * @param meterType the inner message's {@code Type} (the ERT type), not the envelope's
     */
    record Scm(Instant time, long id, int meterType, int tamperPhy, int tamperEnc, long consumption) implements RtlamrMessage {
        public String type() {
            return "SCM";
        }

        public long meterId() {
            return id;
        }

        public int ertType() {
            return meterType;
        }
    }

    /** {@code {"Type":"SCM+","Message":{FrameSync, ProtocolID, EndpointType, EndpointID, Consumption, Tamper, PacketCRC}}}. */
    record ScmPlus(Instant time, int protocolId, int endpointType, long endpointId, long consumption, int tamper)
            implements RtlamrMessage {
        public String type() {
            return "SCM+";
        }

        public long meterId() {
            return endpointId;
        }

        public int ertType() {
            return endpointType;
        }
    }

    /**
     * {@code {"Type":"IDM","Message":{…, ERTType, ERTSerialNumber, ConsumptionIntervalCount, LastConsumptionCount,
     * DifferentialConsumptionIntervals[47], TransmitTimeOffset, …}}}.
     *
     * @param intervals          newest first: index 0 is the interval that closed when the counter last stepped
     * @param transmitTimeOffset sixteenths of a second since the meter's current interval began
     */
    record Idm(Instant time, int ertType, long ertSerialNumber, int consumptionIntervalCount, long lastConsumptionCount,
               List<Integer> intervals, int transmitTimeOffset) implements RtlamrMessage {
        public static final int INTERVALS = 47;

        public Idm {
            intervals = List.copyOf(intervals);
        }

        public String type() {
            return "IDM";
        }

        public long meterId() {
            return ertSerialNumber;
        }

        public long consumption() {
            return lastConsumptionCount;
        }
    }

    /**
     * {@code {"Type":"NetIDM","Message":{…, ERTType, ERTSerialNumber, ConsumptionIntervalCount, LastGeneration,
     * LastConsumption, LastConsumptionNet, DifferentialConsumptionIntervals[27], TransmitTimeOffset, …}}}.
     */
    record NetIdm(Instant time, int ertType, long ertSerialNumber, int consumptionIntervalCount, long lastGeneration,
                  long lastConsumption, long lastConsumptionNet, List<Integer> intervals, int transmitTimeOffset)
            implements RtlamrMessage {
        public static final int INTERVALS = 27;

        public NetIdm {
            intervals = List.copyOf(intervals);
        }

        public String type() {
            return "NetIDM";
        }

        public long meterId() {
            return ertSerialNumber;
        }

        public long consumption() {
            return lastConsumption;
        }
    }

    /** {@code {"Type":"R900"|"R900BCD","Message":{ID, Unkn1, NoUse, BackFlow, Consumption, Unkn3, Leak, LeakNow}}}. */
    record R900(Instant time, String type, long id, int unkn1, int noUse, int backFlow, long consumption, int leak, int leakNow)
            implements RtlamrMessage {
        public long meterId() {
            return id;
        }

        public int ertType() {
            return unkn1;
        }
    }
}
