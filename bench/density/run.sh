#!/usr/bin/env bash
# Bots within a memory budget, exec vs fork runtime: bench/density/run.sh [--budget-mib 16384] [--step 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common/botpool-bin.sh
exec python3 bench/density/bench.py --botpool "$BOTPOOL_BIN" "$@"
