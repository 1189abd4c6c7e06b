#!/usr/bin/env bash
# CI's short smoke of each load scenario, every twin (raw, candy, native), on a fresh Payara Micro
# and then on a fresh WildFly: echo (10 connections x 200 round trips) and fan-out (100
# subscribers, 10 messages/s for 3 s). Fails when a round trip or a candy-ws delivery is missing.
# About two minutes, most of it the servers' starts. Arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-false}" != true ]]; then
  mvn -q -pl bench/war,bench/driver -am package -DskipTests
fi
for server in payara wildfly; do
  BENCH_SKIP_BUILD=true bash bench/run.sh plan=smoke "server=$server" "$@"
done
