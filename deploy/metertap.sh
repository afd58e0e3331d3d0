#!/bin/sh
# /opt/metertap/bin/metertap: runs the collector's jar with flags for a small board (Raspberry Pi, 512 MB+).
# Override any of them with METERTAP_JAVA_OPTS (e.g. in /etc/metertap/secrets.env or a systemd drop-in).
set -eu
here=$(dirname "$(readlink -f "$0")")
jar=${METERTAP_JAR:-$here/../lib/metertap.jar}
java=${JAVA:-java}

# Class data sharing for metertap's own classes (AppCDS): when `run` finds no archive made from this jar and this
# JVM, and may write one (the service, or the first run by hand as user metertap), the JVM writes the classes it
# loaded to the state directory as it stops cleanly. Later starts map them ready-made instead of loading and
# verifying about 900 classes from the jar, most of the start on a small board. Upgrading metertap or Java, or
# deleting the archive, makes the next clean stop write a new one.
archive=${STATE_DIRECTORY:-/var/lib/metertap}/metertap.jsa
made_from=$(stat -Lc '%n %s %Y %Z' "$jar" "$(command -v "$java")" 2>/dev/null || true)
cds=
if [ -r "$archive" ] && [ "$(cat "$archive.from" 2>/dev/null)" = "$made_from" ]; then
  cds=-XX:SharedArchiveFile=$archive
elif [ "${1:-}" = run ] && [ -w "${archive%/*}" ]; then
  rm -f "$archive"
  printf '%s\n' "$made_from" > "$archive.from"
  cds=-XX:ArchiveClassesAtExit=$archive
fi

# Serial GC: one collector thread, no concurrent GC threads or their memory.
# -Xmx64m: the store and the sinks stream in bounded batches, so the heap does not grow with the data.
# MaxMetaspace/ReservedCodeCache/TieredStopAtLevel=1: C1 only, a small code cache, fast start.
# -Xss256k: few threads (reader, forwarders, status, schedule), none recursing deeply.
# -Xshare:auto uses the JDK's class data sharing archive when there is one (faster start, shared pages).
# -Xlog: the JVM's own warnings go to stderr (stdout may be a sink's line protocol), but not CDS's, which
#   lists every class it cannot archive (picocli's, compiled for Java 5) each time it writes the archive.
exec "$java" \
  -XX:+UseSerialGC \
  -Xms16m -Xmx64m \
  -XX:MaxMetaspaceSize=48m \
  -XX:ReservedCodeCacheSize=16m \
  -XX:TieredStopAtLevel=1 \
  -XX:CICompilerCount=1 \
  -Xss256k \
  -XX:MaxDirectMemorySize=16m \
  -XX:+ExitOnOutOfMemoryError \
  -Xshare:auto $cds \
  -Xlog:disable -Xlog:all=warning,cds*=error:stderr \
  ${METERTAP_JAVA_OPTS:-} \
  -jar "$jar" "$@"
