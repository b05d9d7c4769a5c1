#!/usr/bin/env bash
# Proxy overhead vs the bot's own port, same run: bench/proxy/run.sh [--rate 100] [--requests 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common/botpool-bin.sh
exec python3 bench/proxy/bench.py --botpool "$BOTPOOL_BIN" "$@"
