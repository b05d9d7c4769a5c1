#!/usr/bin/env bash
# The cost of a change, in one run: bench/controller for a build of REV and for the working
# tree, back to back on this machine, then both side by side with after/before ratios.
#
#   sudo bench/controller/compare.sh REV [bench.py arguments, e.g. 100 --rounds 3 --edits 20]
#
# Builds REV in a temporary git worktree (release), and the working tree. Writes
# results-compare-before.json, results-compare-after.json and results-compare.txt here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rev=${1:?usage: compare.sh REV [bench arguments]}
shift
tree=$(mktemp -d /tmp/botpool-compare.XXXXXX)
trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git -C "$root" worktree add --detach "$tree" "$rev" >/dev/null
echo "compare: building $rev (release)" >&2
(cd "$tree" && swift build -c release --product botpool >/dev/null)
before="$(cd "$tree" && swift build -c release --product botpool --show-bin-path)/botpool"
echo "compare: building the working tree (release)" >&2
(cd "$root" && swift build -c release --product botpool >/dev/null)
after="$(cd "$root" && swift build -c release --product botpool --show-bin-path)/botpool"
BOTPOOL_BIN=$before "$here/run.sh" "$@" --out "$here/results-compare-before.json"
BOTPOOL_BIN=$after "$here/run.sh" "$@" --out "$here/results-compare-after.json"
{
    echo "command: bench/controller/compare.sh $rev $*"
    echo "before: $rev ($(git -C "$root" log -1 --format=%h "$rev")), after: working tree at $(git -C "$root" log -1 --format=%h)"
    python3 "$here/compare.py" "$here/results-compare-before.json" "$here/results-compare-after.json"
} | tee "$here/results-compare.txt"
