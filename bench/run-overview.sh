#!/usr/bin/env bash
# The dashboard overview with 100,000 domains, on H2 and on PostgreSQL (when reachable).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
export PATH="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin:$PATH"
DOMAINS="${1:-100000}"
java -Xmx1g -cp bench/target/benchmarks.jar org.lapsewatch.bench.OverviewBenchmark h2 "$DOMAINS" 300
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  java -Xmx1g -cp bench/target/benchmarks.jar org.lapsewatch.bench.OverviewBenchmark postgres "$DOMAINS" 300
else
  echo "PostgreSQL not reachable at 127.0.0.1:5432: skipped"
fi
