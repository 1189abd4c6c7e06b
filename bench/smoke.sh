#!/usr/bin/env bash
# CI's short smoke of each load scenario, both twins: echo (10 connections x 200 round trips) and
# fan-out (100 subscribers, 10 messages/s for 3 s) on a fresh Payara Micro. Fails when a round
# trip or a candy-ws delivery is missing. About a minute, most of it the server's start.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash bench/run.sh plan=smoke "$@"
