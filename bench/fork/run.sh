#!/usr/bin/env bash
# Exec vs fork runtime, 10 FreqTrade webserver bots in one pool: bench/fork/run.sh [--bots 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common/botpool-bin.sh
exec python3 bench/fork/bench.py --botpool "$BOTPOOL_BIN" "$@"
