#!/bin/sh
# /opt/metertap/bin/metertap: runs the collector's jar with flags for a small board (Raspberry Pi, 512 MB+).
# Override any of them with METERTAP_JAVA_OPTS (e.g. in /etc/metertap/secrets.env or a systemd drop-in).
set -eu
here=$(dirname "$(readlink -f "$0")")
jar=${METERTAP_JAR:-$here/../lib/metertap.jar}
java=${JAVA:-java}
# Serial GC: one collector thread, no concurrent GC threads or their memory.
# -Xmx64m: the store and the sinks stream in bounded batches, so the heap does not grow with the data.
# MaxMetaspace/ReservedCodeCache/TieredStopAtLevel=1: C1 only, a small code cache, fast start.
# -Xss256k: few threads (reader, forwarders, status, schedule), none recursing deeply.
# -Xshare:auto uses the JDK's class data sharing archive when there is one (faster start, shared pages).
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
  -Xshare:auto \
  ${METERTAP_JAVA_OPTS:-} \
  -jar "$jar" "$@"
