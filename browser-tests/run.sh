#!/usr/bin/env bash
# The browser tests: builds the example WAR (and fetches Payara Micro), installs the npm packages,
# then runs node's test runner. The tests start Payara Micro on a free port themselves (one test
# restarts it) and stop it when they end; should they die first, the trap below stops it.
# Needs Java 17, Maven, Node 20+ and Chromium at /usr/bin/chromium (Debian: apt-get install chromium;
# another path: CHROMIUM=/path/to/chrome).
set -euo pipefail
cd "$(dirname "$0")"

pidfile=target/payara.pid
stop_leftover_server() {
  if [[ -f $pidfile ]]; then
    local pid
    pid=$(cat "$pidfile")
    # Only if that pid is still our Payara Micro, not a process that reused the number.
    if grep -q payara-micro.jar "/proc/$pid/cmdline" 2>/dev/null; then
      echo "stopping the Payara Micro the tests left running (pid $pid)"
      kill -9 "$pid" || true
    fi
    rm -f "$pidfile"
  fi
}
trap stop_leftover_server EXIT

chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
  echo "no Chromium at $chromium: apt-get install chromium, or set CHROMIUM" >&2
  exit 1
fi

(cd .. && mvn -B -q -pl example-war -am -Prun package -DskipTests -Dexec.skip=true)
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1 test/
