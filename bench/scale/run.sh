#!/usr/bin/env bash
# botpool at 1,000 and 5,000 `sleep` bots on the docker backend: convergence from empty, a no-op
# daemon pass (wall, CPU, calls), a no-op `run --once`, the loader's documents/s, controller RSS,
# and dockerd alone creating as many containers like the pools (the floor under convergence).
#
#   bench/scale/run.sh [SIZES...=1000 5000] [--per-pool 20] [--tenants 5] [--publish IP|""]
#                      [--baseline-bin PATH] [--keep]
#
# Needs root, a Docker daemon and botpool/pool:dev (scripts/setup makes both). Builds botpool in
# release mode unless BOTPOOL_BIN names a binary. Prints one table and writes
# bench/scale/results.md and results.json (with --publish "": results-publish-none.*).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
source bench/common/botpool-bin.sh
export BOTPOOL_BIN
export BENCH_COMMAND="bench/scale/run.sh $*"
exec python3 "$here/scale.py" "$@"
