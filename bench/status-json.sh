#!/bin/sh
# The status API's JSON for 5,000 bots: one JSONEncoder against StatusJSON's chunks (release build).
set -eu
cd "$(dirname "$0")/.."
BOTPOOL_BENCH=1 swift test -c release --filter StatusJSONBenchmark 2>&1 | grep -E "StatusJSONBenchmark 5000|passed|failed|error"
