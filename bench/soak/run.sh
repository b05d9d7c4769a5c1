#!/usr/bin/env bash
# botpool soak (issue 11, "Measure"): N light bots under `botpool run` with a random fault every
# --interval s for --minutes; prints a table and writes bench/soak/results.json.
#
#   sudo bench/soak/run.sh [--bots 200] [--minutes 30] [--interval 10] [--seed S] [--max-bots 10]
#                          [--faults kind,...] [--out PATH] [--keep]
#
# Needs root, a Docker daemon (scripts/setup) and the image botpool/pool:dev. Touches only class
# `soak` (tenants soak-a, soak-b), host ports 23000-23990 and a temp dir; see README.md.
# BOTPOOL_BIN skips the build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -z "${BOTPOOL_BIN:-}" ]; then
    echo "soak: building botpool (release)" >&2
    (cd "$root" && swift build -c release --product botpool >/dev/null)
    BOTPOOL_BIN="$(cd "$root" && swift build -c release --product botpool --show-bin-path)/botpool"
fi
export BOTPOOL_BIN
if ! docker image inspect botpool/pool:dev >/dev/null 2>&1; then
    echo "soak: image botpool/pool:dev missing; running scripts/setup" >&2
    "$root/scripts/setup"
fi
export BENCH_COMMAND="bench/soak/run.sh $*"
exec python3 "$here/soak.py" "$@"
