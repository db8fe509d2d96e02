#!/usr/bin/env bash
# Mail-flow scan throughput: `lapsewatch mailflow scan` against pflogsumm on the same generated
# Postfix log, with `grep -c status=` as the floor. Usage: bench/run-mailflow.sh [MEGABYTES] [DIR]
# RUNS (default 3): timed runs of each tool, alternating; the medians give the ratio, since one run
# of either moves by a tenth from minute to minute on a shared machine.
# MAILFLOW_HEAP (default -Xmx256m): JVM options for the scan. MAILFLOW_CONFIG: a configuration file
# for the scan, e.g. one with `mailflow: {hashLocalParts: true, hashSalt: s}` to time hashing.
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-1024}"
DIR="${2:-${TMPDIR:-/tmp}}"
LOG="$DIR/lapsewatch-bench-postfix-${MB}m.log"
HEAP="${MAILFLOW_HEAP:--Xmx256m}"
RUNS="${RUNS:-3}"

bench/build.sh
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"

if ! command -v pflogsumm >/dev/null; then
  echo "installing pflogsumm (Debian package)" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends pflogsumm >&2
fi

if [ ! -s "$LOG" ]; then
  java -cp bench/target/benchmarks.jar org.lapsewatch.bench.PostfixLogGenerator "$LOG" "$MB"
fi
BYTES=$(stat -c %s "$LOG")
SIZE_MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "log: $LOG ($SIZE_MB MB, $(wc -l < "$LOG") lines)"

# Runs a command with /usr/bin/time; prints "seconds maxrss_kb cpu_seconds" (CPU = user + system, all
# threads). Output goes to a file, not /dev/null: GNU grep stops at the first match when it sees
# its output is /dev/null.
measure() {
  local timing output
  timing=$(mktemp)
  output=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$timing" "$@" > "$output"
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$timing"
  rm -f "$timing" "$output"
}
# The largest live heap after a GC, in MB, from a -Xlog:gc file ("... 212M->79M(256M) ...").
live_heap() { grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/.*->//; s/M//' | sort -n | tail -n 1; }
rate() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.1f", (s > 0 ? b / 1048576 / s : 0) }'; }

# The scan runs through ./lapsewatch, as users run it, with its JVM options (class data sharing).
# The first run of a command after a build writes that command's class archive; a user's second
# run has it, so one untimed run on the first megabyte comes first.
SCAN=(./lapsewatch mailflow scan --format postfix --zone UTC --json)
[ -z "${MAILFLOW_CONFIG:-}" ] || SCAN+=(--config "$MAILFLOW_CONFIG")
WARM_LOG="$DIR/lapsewatch-bench-postfix-warm.log"
head -c 1048576 "$LOG" > "$WARM_LOG"
LAPSEWATCH_JAVA_OPTS="$HEAP" "${SCAN[@]}" "$WARM_LOG" > /dev/null
rm -f "$WARM_LOG"

cat "$LOG" > /dev/null   # warm the page cache so every tool reads from memory
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
GREP_ALL=(); LW_ALL=(); PF_ALL=(); LW_CPU=(); PF_CPU=(); LW_KB=0; PF_KB=0
for run in $(seq "$RUNS"); do
  read -r s kb _ < <(measure grep -c 'status=' "$LOG"); GREP_ALL+=("$s"); GREP_KB=$kb
  read -r s kb cpu < <(measure env "LAPSEWATCH_JAVA_OPTS=$HEAP -Xlog:gc:file=$DIR/mailflow-gc-full.log" "${SCAN[@]}" "$LOG")
  LW_ALL+=("$s"); LW_CPU+=("$cpu"); [ "$kb" -gt "$LW_KB" ] && LW_KB=$kb
  read -r s kb cpu < <(measure pflogsumm "$LOG"); PF_ALL+=("$s"); PF_CPU+=("$cpu"); [ "$kb" -gt "$PF_KB" ] && PF_KB=$kb
done
GREP_S=$(median "${GREP_ALL[@]}"); LW_S=$(median "${LW_ALL[@]}"); PF_S=$(median "${PF_ALL[@]}")
echo "runs (s): lapsewatch ${LW_ALL[*]}; pflogsumm ${PF_ALL[*]}; grep ${GREP_ALL[*]}"
# CPU time moves less than wall time when other tenants share the machine; the scan uses two cores
echo "CPU (user + system, s): lapsewatch ${LW_CPU[*]} (median $(median "${LW_CPU[@]}")); pflogsumm ${PF_CPU[*]} (median $(median "${PF_CPU[@]}"))"

# heap flat in file size: the same scan on the first eighth of the file
HEAD_LOG="$DIR/lapsewatch-bench-postfix-${MB}m.head.log"
head -c $((BYTES / 8)) "$LOG" > "$HEAD_LOG"
read -r _ LW_HEAD_KB _ < <(measure env "LAPSEWATCH_JAVA_OPTS=$HEAP -Xlog:gc:file=$DIR/mailflow-gc-head.log" "${SCAN[@]}" "$HEAD_LOG")
rm -f "$HEAD_LOG"

printf '%-32s %8s s %9s MB/s %9s MB max RSS\n' "grep -c status= (floor)" "$GREP_S" "$(rate "$GREP_S")" "$((GREP_KB / 1024))"
printf '%-32s %8s s %9s MB/s %9s MB max RSS\n' "lapsewatch mailflow scan $HEAP" "$LW_S" "$(rate "$LW_S")" "$((LW_KB / 1024))"
printf '%-32s %8s s %9s MB/s %9s MB max RSS\n' "pflogsumm" "$PF_S" "$(rate "$PF_S")" "$((PF_KB / 1024))"
awk -v l="$LW_S" -v p="$PF_S" -v n="$RUNS" 'BEGIN { printf "ratio lapsewatch/pflogsumm: %.1fx (medians of %d runs each; goal >= 10x)\n", p / l, n }'
echo "lapsewatch max RSS on 1/8 of the file: $((LW_HEAD_KB / 1024)) MB, on all of it: $((LW_KB / 1024)) MB"
echo "lapsewatch largest live heap after GC on 1/8 of the file: $(live_heap "$DIR/mailflow-gc-head.log") MB, on all of it: $(live_heap "$DIR/mailflow-gc-full.log") MB"
rm -f "$DIR/mailflow-gc-head.log" "$DIR/mailflow-gc-full.log"
