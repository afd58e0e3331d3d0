#!/usr/bin/env bash
# Start time and memory of the pge-mock jar: time from `java -jar` to the port accepting a TCP connection,
# the CPU time (user+sys) the process used until then (less sensitive than wall time to a loaded machine),
# and the process's RSS at that moment and 2 s later. Usage: start-figures.sh JAR [RUNS] [PORT]
# Each run uses a fresh --state-dir (so the kit is generated, as on a first start) and then a second start on the same
# directory (the kit is reused). Prints one line per start; compare jars with the same RUNS on the same machine.
set -euo pipefail
jar=$1; runs=${2:-5}; port=${3:-18443}
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_ms() { # utime+stime of the process and its finished children, in ms
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%d", ($12+$13+$14+$15)*1000/hz}' "/proc/$1/stat"; }
one() { # $1 state dir, $2 label
  local start pid ms
  start=$(date +%s%N)
  java -jar "$jar" --port "$port" --state-dir "$1" >/dev/null 2>&1 &
  pid=$!
  until (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "pge-mock exited before its port answered" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  local at_port cpu; at_port=$(rss "$pid"); cpu=$(cpu_ms "$pid")
  sleep 2
  printf '%-6s start %5d ms  CPU %5d ms  RSS at port %4s MiB  RSS +2s %4s MiB\n' "$2" "$ms" "$cpu" "$at_port" "$(rss "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  one "$dir" first
  one "$dir" reuse
  rm -rf "$dir"
done
