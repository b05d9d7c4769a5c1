#!/usr/bin/env bash
# Exec vs fork runtime, 10 FreqTrade webserver bots in one pool: bench/fork/run.sh [--bots 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup
if [ -z "${BOTPOOL_BIN:-}" ]; then
    swift build -c release --product botpool >/dev/null
    BOTPOOL_BIN=$(swift build -c release --show-bin-path)/botpool
fi
exec python3 bench/fork/bench.py --botpool "$BOTPOOL_BIN" "$@"
