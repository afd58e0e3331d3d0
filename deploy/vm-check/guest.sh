#!/bin/bash
# Runs on the emulated board at boot (vmcheck.service): plugs an EMU-2 into the board's USB bus, installs
# metertap with the commands of deploy/README.md's "Install", and checks the service. Writes checks.txt
# ("ok ..." or "FAIL ...") and figures.txt to /vmcheck/out, then powers the board off.
set -uo pipefail
. /vmcheck/env                       # SIM_PORT, INFLUX_PORT, MINUTES (written by deploy/vm-check/run)
out=/vmcheck/out
mkdir -p "$out"
exec > >(tee "$out/guest.log") 2>&1
trap 'sync; systemctl poweroff --no-block' EXIT

# check WHAT COMMAND...: records "ok WHAT" or "FAIL WHAT"
check() { local what=$1 verdict=FAIL; shift; if "$@"; then verdict="ok  "; fi; echo "$verdict $what" | tee -a "$out/checks.txt"; }
figure() { echo "$1: $2" | tee -a "$out/figures.txt"; }
# until CONDITION holds or SECONDS pass; the board is emulated, so deadlines are generous
wait_for() { local deadline=$((SECONDS + $1)); until eval "$2"; do ((SECONDS < deadline)) || return 1; sleep 0.5; done; }
# a value from /metrics, or -1 while metertap is not answering (starting, restarting)
metric() { curl -sf localhost:9464/metrics | awk -v name="$1" '$1 == name { value = $2 } END { print value == "" ? -1 : value }'; }
# when the service's journal first says TEXT (since the epoch time $since, when set)
journal_time() { journalctl -u metertap -o short-unix --no-pager ${since:+--since "@$since"} | grep -m1 -F "$1" | cut -d' ' -f1; }
# resident memory of PID in kB: in all, anonymous, file-backed, and in transparent huge pages
resident() { awk '/^(VmRSS|RssAnon|RssFile)/ { printf "%s %s  ", $1, $2 }' "/proc/$1/status"; awk '/^AnonHugePages/ { print "AnonHugePages:", $2 }' "/proc/$1/smaps_rollup"; }
started_to_first_reading() {
  wait_for 300 '[ -n "$(journal_time "first reading stored")" ]' &&
    awk -v a="$(journal_time "Started metertap")" -v b="$(journal_time "first reading stored")" 'BEGIN { printf "%.2f", b - a }'
}

# --- an EMU-2 on USB: the dummy host controller and a CDC ACM gadget with the EMU-2's IDs; its other end
# (/dev/ttyGS0) is bridged to the virtual EMU-2 on the host, which the board reaches as 10.0.2.2
gadget=/sys/kernel/config/usb_gadget/emu2
plug() { ls /sys/class/udc > "$gadget/UDC"; }
unplug() { echo > "$gadget/UDC"; }
modprobe dummy_hcd && modprobe libcomposite && modprobe usb_f_acm
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
mkdir -p "$gadget/strings/0x409" "$gadget/functions/acm.usb0" "$gadget/configs/c.1"
echo 0x04b4 > "$gadget/idVendor"
echo 0x0003 > "$gadget/idProduct"
echo "Rainforest Automation, Inc." > "$gadget/strings/0x409/manufacturer"
echo "EMU-2" > "$gadget/strings/0x409/product"
ln -s "$gadget/functions/acm.usb0" "$gadget/configs/c.1/"
plug
check "the EMU-2 gadget enumerates as a USB modem (ttyACM)" wait_for 60 'compgen -G "/dev/ttyACM*" >/dev/null && [ -c /dev/ttyGS0 ]'
while :; do socat TCP:10.0.2.2:"$SIM_PORT" /dev/ttyGS0,raw,echo=0; sleep 1; done &

# --- the README's install commands, as written, from a copy of the repository (the sink's URL edited, as the
# README asks, to the InfluxDB on the host; the by-hand first run, which waits for Ctrl-C, given one after 90 s)
cd /vmcheck/repo
sed -i "s|url: http://localhost:8086|url: http://10.0.2.2:$INFLUX_PORT|" deploy/metertap.yml
awk '/^## Install/ { section = 1 } section && /^```sh/ { block = 1; next } block && /^```/ { exit } block' deploy/README.md \
  | sed '/Ctrl-C/ s/^\([^#]*\)#.*$/timeout -s INT 90 \1|| test $? = 124/' > "$out/install.sh"
check "the README's install commands succeed" bash -ex "$out/install.sh"
check "the first run by hand wrote the class archive" test -s /var/lib/metertap/metertap.jsa
check "/dev/emu2 is the modem, group dialout, mode 660" \
  eval '[[ $(readlink /dev/emu2) == ttyACM* && $(stat -L -c "%G %a" /dev/emu2) == "dialout 660" ]]'
check "the service is active" systemctl is-active --quiet metertap

# --- start to first stored reading, then resident memory each minute
check "a first reading is stored" wait_for 300 '[ -n "$(journal_time "first reading stored")" ]'
figure "start to first stored reading, with the class archive (s)" "$(started_to_first_reading)"
for minute in $(seq 1 "$MINUTES"); do
  sleep 60
  pid=$(systemctl show -p MainPID --value metertap)
  figure "VmRSS after $minute min (kB)" "$(resident "$pid")"
done
# where the resident memory is: the largest mappings (anonymous ones are the heap, metaspace, code and malloc)
awk '/^[0-9a-f]+-/ { name = NF > 5 ? $6 : "[anonymous]" } /^Rss:/ { rss[name] += $2 }
     END { for (name in rss) printf "%8d kB  %s\n", rss[name], name }' "/proc/$pid/smaps" | sort -rn | head -12 > "$out/rss-by-mapping.txt"
figure "readings stored in $MINUTES min" "$(metric metertap_readings_stored_total)"
figure "fragments clobbered" "$(metric metertap_emu2_fragments_clobbered_total)"
curl -sf localhost:9464/status > "$out/status.json"
check "the sink keeps up (outbox lag under 50)" eval '(( $(metric "metertap_sink_outbox_lag_points{sink=\"influx\"}") < 50 ))'

# --- unplug and replug: udev removes and recreates /dev/emu2, metertap reconnects on its own
reconnects=$(metric metertap_emu2_reconnects_total)
unplug
check "unplugging removes /dev/emu2" wait_for 60 '[ ! -e /dev/emu2 ]'
check "metertap sees the device gone" wait_for 120 '[ "$(metric metertap_emu2_connected)" = 0 ]'
stored=$(metric metertap_readings_stored_total)
plug
check "replugging brings /dev/emu2 back" wait_for 60 '[ -e /dev/emu2 ]'
check "metertap reconnects and stores again" \
  wait_for 180 '(( $(metric metertap_emu2_reconnects_total) > reconnects && $(metric metertap_readings_stored_total) > stored ))'

# --- a crash: systemd restarts the service (Restart=on-failure) and it goes on from the store
crashed=$(systemctl show -p MainPID --value metertap)
restarted() { local pid; pid=$(systemctl show -p MainPID --value metertap); [ "$pid" != 0 ] && [ "$pid" != "$crashed" ]; }
systemctl kill -s KILL metertap
check "systemd restarts metertap after a crash" wait_for 120 restarted
check "it stores readings again after the restart" wait_for 300 '(( $(metric metertap_readings_stored_total) > 0 ))'

# --- a clean stop; then, to compare, a start without the class archive, whose clean stop writes it again
systemctl stop metertap
check "systemctl stop ends with exit status 0" eval '[ "$(systemctl show -p ExecMainStatus --value metertap)" = 0 ]'
rm /var/lib/metertap/metertap.jsa
since=$(date +%s)
systemctl start metertap
figure "start to first stored reading, without the class archive (s)" "$(started_to_first_reading)"
sleep 60
figure "VmRSS 1 min after that start (kB)" "$(resident "$(systemctl show -p MainPID --value metertap)")"
systemctl stop metertap
check "the clean stop wrote the class archive again" test -s /var/lib/metertap/metertap.jsa

# --- what the store holds and what is still owed to the sink
sudo -u metertap /opt/metertap/bin/metertap store stats -c /etc/metertap/metertap.yml | tee "$out/store-stats.txt"
check "nothing is left in the outbox" grep -Eq '^  influx +cursor [0-9,]+, pending 0$' "$out/store-stats.txt"
figure "systemd-analyze security" "$(systemd-analyze security metertap --no-pager | tail -1)"
figure "board" "$(uname -m), $(nproc) CPUs, $(free -m | awk '/^Mem/ { print $2 }') MB, $(java -version 2>&1 | head -1), transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled)"
journalctl -u metertap --no-pager > "$out/metertap.journal"
