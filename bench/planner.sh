#!/bin/sh
# Plan time at 1k / 10k / 100k bots, steady state and from empty (release build).
set -eu
cd "$(dirname "$0")/.."
BOTPOOL_BENCH=1 swift test -c release --filter PlannerBenchmark 2>&1 | grep -E "PlannerBenchmark (steady|empty|floor)|passed|failed|error"
