#!/usr/bin/env bash
# Heap of the watch with 1,000,000 inventory rows (goal <= 512 MB). Usage: bench/run-watch-heap.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx512m -cp bench/target/benchmarks.jar \
  org.lapsewatch.bench.WatchInventoryHeap "${1:-1000000}"
