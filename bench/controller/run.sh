#!/usr/bin/env bash
# botpool vs the legacy one-container-per-bot layout, in one run:
#   convergence time to N healthy bots, PSS (total and infrastructure per bot), manifest edit ->
#   restart latency, a no-op pass (wall time, Docker/supervisord calls), controller RSS.
#
#   bench/controller/run.sh [N=100] [--parallel P] [--edits E] [--runtime exec|fork] [--keep]
#
# Needs root, a Docker daemon (scripts/setup) and the image botpool/pool:dev. Uses class `bench`
# (tenant `bench`), host ports 20000-20999 and containers named legacy-bench-*; removes only those.
# Prints a table and writes bench/controller/results.json. BOTPOOL_BIN skips the build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -z "${BOTPOOL_BIN:-}" ]; then
    echo "bench: building botpool (release)" >&2
    (cd "$root" && swift build -c release --product botpool >/dev/null)
    BOTPOOL_BIN="$(cd "$root" && swift build -c release --product botpool --show-bin-path)/botpool"
fi
export BOTPOOL_BIN
if ! docker image inspect botpool/pool:dev >/dev/null 2>&1; then
    echo "bench: image botpool/pool:dev missing; running scripts/setup" >&2
    "$root/scripts/setup"
fi
export BENCH_COMMAND="bench/controller/run.sh $*"
exec python3 "$here/bench.py" "$@"
