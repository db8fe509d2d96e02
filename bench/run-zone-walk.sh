#!/usr/bin/env bash
# Resolves every reference of a 10,000-record zone against the simulated DNS (5 ms added latency)
# and prints references per second and peak queries in flight. Args: [records] [concurrency] [latencyMs]
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp bench/target/benchmarks.jar org.lapsewatch.bench.ZoneWalkLoad "$@"
