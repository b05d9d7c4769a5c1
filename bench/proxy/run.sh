#!/usr/bin/env bash
# Proxy overhead vs the bot's own port, same run: bench/proxy/run.sh [--rate 100] [--requests 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup
if [ -z "${BOTPOOL_BIN:-}" ]; then
    swift build -c release --product botpool >/dev/null
    BOTPOOL_BIN=$(swift build -c release --show-bin-path)/botpool
fi
exec python3 bench/proxy/bench.py --botpool "$BOTPOOL_BIN" "$@"
