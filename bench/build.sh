#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar (JMH benchmarks and harness mains) against the current product.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q install -DskipTests >&2
./mvnw -B -q -f bench/pom.xml package >&2
