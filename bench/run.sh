#!/usr/bin/env bash
# Runs the load driver: builds candy-ws and this module, starts Payara Micro (or WildFly, with
# server=wildfly) with the benchmark WARs on free loopback ports, runs the scenarios against the
# twins side by side (raw, candy, and native: candy-ws with its native send path on), prints one
# line per run and the ratios, and stops the server. Arguments go to the driver as key=value (see
# BENCHMARKS.md): no argument runs the full plan (about 30 minutes), plan=smoke a short one.
# BENCH_SKIP_BUILD=true uses the classes already built.
set -euo pipefail
cd "$(dirname "$0")/.."

# 10,000 client connections, and as many on the server side: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (( $(ulimit -n) < 10240 )); then
  echo "note: ulimit -n is $(ulimit -n); 10,000 connections need about 10,100 descriptors in each of the two JVMs" >&2
fi

if [[ "${BENCH_SKIP_BUILD:-false}" != true ]]; then
  # -am: the WAR must carry this tree's candy-ws, not a snapshot from the local repository.
  mvn -q -pl bench/war,bench/driver -am package -DskipTests
fi

# The Node.js twin (twins=...,node): its ws package, pinned in bench/node/package-lock.json.
for arg in "$@"; do
  if [[ "$arg" == twins=*node* ]]; then
    npm ci --prefix bench/node --no-audit --no-fund --silent
  fi
done

target=bench/driver/target
exec java -Xms1g -Xmx2g -cp "$target/classes:$(cat "$target/classpath.txt")" \
  dev.candypack.ws.bench.Load "dir=$target" "$@"
