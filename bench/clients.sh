#!/usr/bin/env bash
# Latency of the runtime clients against the real Docker daemon and supervisord (needs
# scripts/setup first). Prints the `bench:` lines of ClientLatencyBenchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
BOTPOOL_BENCH=1 swift test -c release --skip EnvironmentTests --filter ClientLatencyBenchmark 2>&1 \
    | tee /tmp/botpool-bench-clients.log | grep -E '^bench:|✘|error:' || true
grep -q 'Test run with .* passed' /tmp/botpool-bench-clients.log
