#!/usr/bin/env bash
# Sweep of the inventory through the watch against the simulated registry with a per-server rate
# limit (goal: achieved checks/s >= 0.9 x the bound). Usage: bench/run-watch-sweep.sh [DOMAINS] [RATE] [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp bench/target/benchmarks.jar org.lapsewatch.bench.WatchSweep "${1:-100000}" "${2:-200}" "${3:-8}"
