#!/usr/bin/env bash
# The swarm backend against the Docker backend on one 3-node lab (scripts/swarm-lab):
# converge N light bots (default 300), then no-op passes. See bench.py.
#
#   bench/swarm/run.sh [N=300]
#
# Needs root and Docker (scripts/setup). Uses host ports 25000-25999 on the lab's nodes,
# swarm instance `bench`; removes only those. BOTPOOL_BIN skips the build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${BOTPOOL_BIN:-}" ]; then
    echo "bench: building botpool (release)" >&2
    (cd "$root" && swift build -c release --product botpool >/dev/null)
    BOTPOOL_BIN="$(cd "$root" && swift build -c release --product botpool --show-bin-path)/botpool"
fi
export BOTPOOL_BIN
export BENCH_COMMAND="bench/swarm/run.sh $*"
exec python3 "$here/bench.py" "$@"
