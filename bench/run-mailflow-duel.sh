#!/usr/bin/env bash
# The mail-log scan of another revision against this checkout, in one JVM, rounds alternating
# (MailflowDuel): for changes smaller than the machine's minute-to-minute noise, which the
# separate runs of run-mailflow.sh cannot resolve. A is REVISION, B this checkout.
# Usage: bench/run-mailflow-duel.sh REVISION [MEGABYTES (256)] [ROUNDS (30)]
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: bench/run-mailflow-duel.sh REVISION [MEGABYTES] [ROUNDS]}
MB=${2:-256}
ROUNDS=${3:-30}
LOG="${TMPDIR:-/tmp}/lapsewatch-bench-postfix-1024m.log"

bench/build.sh
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
[ -s "$LOG" ] || java -cp bench/target/benchmarks.jar org.lapsewatch.bench.PostfixLogGenerator "$LOG" 1024

OLD=$(mktemp -d "${TMPDIR:-/tmp}/lapsewatch-duel.XXXXXX")
trap 'git worktree remove --force "$OLD" >/dev/null 2>&1 || rm -rf "$OLD"' EXIT
git worktree add --detach "$OLD" "$REV" >/dev/null 2>&1
echo "building $REV ($(git -C "$OLD" log -1 --format='%h %s'))" >&2
(cd "$OLD" && ./mvnw -B -q -DskipTests package >&2)
OLD_JAR=$(ls "$OLD"/target/lapsewatch-*-all.jar)
# A: the old product first, the harness (and, shadowed, the new product) after it; B: the new one.
java -Xmx2g -XX:+UseCompactObjectHeaders -XX:+UseTransparentHugePages -cp bench/target/benchmarks.jar \
  org.lapsewatch.bench.MailflowDuel "$LOG" "$MB" "$ROUNDS" "$OLD_JAR:bench/target/benchmarks.jar" bench/target/benchmarks.jar
