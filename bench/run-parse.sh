#!/usr/bin/env bash
# Parse throughput of the RDAP and WHOIS parsers over the corpus responses (responses/s).
# Extra arguments go to JMH, e.g. bench/run-parse.sh -f 1 -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -z "${LAPSEWATCH_CORPORA:-}" ]; then
  for candidate in "$PWD/../shared/corpora" /work/shared/corpora; do
    if [ -d "$candidate/whois" ]; then export LAPSEWATCH_CORPORA="$candidate"; break; fi
  done
fi
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar RegistrationParseBenchmark "$@"
