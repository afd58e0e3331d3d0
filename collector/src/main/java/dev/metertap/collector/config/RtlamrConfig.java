package dev.metertap.collector.config;

import dev.metertap.collector.rtlamr.RtlamrLines;

import java.time.Duration;
import java.util.List;

/**
 * {@code rtlamr:} for {@code metertap run}: meters read by radio. Either {@code command} (rtlamr, started and
 * supervised as a child process: its program and arguments separated by spaces) or {@code tcp} (host:port of a
 * stream of rtlamr's JSON lines, e.g. from a bridge on the machine with the dongle).
 *
 * @param meters         one's own meter ids; other meters heard are counted, not stored
 * @param storeOthers    store every meter heard (to compare, or while finding one's own)
 * @param silence        no rtlamr message for this long: the child is restarted (or the connection reopened)
 * @param restartBackoff the first wait before a restart, doubling up to {@code restartBackoffMax}
 */
public record RtlamrConfig(String command, String tcp, List<Long> meters, Boolean storeOthers, Duration silence,
                           Duration restartBackoff, Duration restartBackoffMax, Integer maxLineBytes) {

    public static final Duration DEFAULT_SILENCE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RESTART_BACKOFF_MAX = Duration.ofMinutes(5);

    public RtlamrConfig {
        boolean hasCommand = command != null && !command.isBlank();
        boolean hasTcp = tcp != null && !tcp.isBlank();
        if (hasCommand == hasTcp) {
            throw new IllegalArgumentException("give either 'command' (e.g. rtlamr -format=json -msgtype=scm,scm+,idm,netidm,r900)"
                    + " or 'tcp' (host:port), not " + (hasCommand ? "both" : "neither"));
        }
        meters = meters == null ? List.of() : List.copyOf(meters);
        storeOthers = storeOthers != null && storeOthers;
        if (meters.isEmpty() && !storeOthers) {
            throw new IllegalArgumentException("list your meter ids under 'meters:' (run 'metertap rtlamr listen' to see which"
                    + " meters are heard), or set 'store-others: true' to store every meter heard");
        }
        for (Long id : meters) {
            if (id == null || id <= 0 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a meter id is a whole number from 1 to 4294967295, got " + id);
            }
        }
        silence = silence == null ? DEFAULT_SILENCE : silence;
        restartBackoff = restartBackoff == null ? DEFAULT_RESTART_BACKOFF : restartBackoff;
        restartBackoffMax = restartBackoffMax == null ? DEFAULT_RESTART_BACKOFF_MAX : restartBackoffMax;
        if (silence.compareTo(Duration.ofMillis(100)) < 0 || restartBackoff.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("'silence' must be at least 100ms and 'restart-backoff' at least 10ms");
        }
        if (restartBackoffMax.compareTo(restartBackoff) < 0) {
            throw new IllegalArgumentException("'restart-backoff-max' is below 'restart-backoff'");
        }
        maxLineBytes = maxLineBytes == null ? RtlamrLines.DEFAULT_MAX_LINE_BYTES : maxLineBytes;
        if (maxLineBytes < 2048 || maxLineBytes > 1024 * 1024) {
            throw new IllegalArgumentException("'max-line-bytes' must be between 2048 and 1048576");
        }
    }

    /** The command's program and arguments. */
    public List<String> commandLine() {
        return command == null ? List.of() : List.of(command.trim().split("\\s+"));
    }
}
