#!/usr/bin/env bash
# Runs the JMH microbenchmarks of the hot paths (registry, fan-out, per-connection heap).
# Arguments go to JMH: none runs them all (about 6 minutes), e.g. `bench/jmh.sh FanoutBenchmark`
# runs one, `-prof gc` adds allocation figures. BENCH_SKIP_BUILD=true uses the classes built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-false}" != true ]]; then
  mvn -q -pl bench/driver -am package -DskipTests
fi
target=bench/driver/target
exec java -cp "$target/classes:$(cat "$target/classpath.txt")" org.openjdk.jmh.Main "$@"
