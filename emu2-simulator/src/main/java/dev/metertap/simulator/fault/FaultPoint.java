package dev.metertap.simulator.fault;

/** Where on the device's way to the host a {@link Fault} applies; each fault applies at exactly one. */
public enum FaultPoint {
    /** A command arrives: it may be ignored ({@link Fault.CommandGap}). */
    COMMAND_IN,
    /** A command was answered: its reply may never go out ({@link Fault.DropReplies}). */
    REPLY,
    /** What a reply says ({@link Fault.DateCodeFf}). */
    REPLY_CONTENT,
    /** A demand reading is taken: the link may drop into a rejoin episode ({@link Fault.Rejoin}). */
    DEMAND_READING,
    /** A notification's content, before its bytes are made ({@link Fault.Sentinels}, {@link Fault.ZeroSummation}). */
    FRAGMENT_CONTENT,
    /** Between one fragment and the next on the wire ({@link Fault.NulBytes}). */
    BETWEEN_FRAGMENTS,
    /** A fragment's write, which the next one may cut ({@link Fault.Clobber}). */
    WRITE,
    /** How the written bytes leave the port ({@link Fault.Trickle}). */
    PACKETS,
    /** A host attaches to the running device ({@link Fault.StaleTail}). */
    HOST_ATTACH
}
