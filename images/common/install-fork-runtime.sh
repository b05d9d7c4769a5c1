#!/usr/bin/env bash
# Installs the fork runtime into a root filesystem: the zygote at
# /usr/local/lib/botpool/zygote.py and the launcher, compiled statically on this host (the
# image needs no compiler), at /usr/local/bin/botpool-launch.
# Usage: install-fork-runtime.sh ROOTFS   (an mmdebstrap --customize-hook passes "$1")
set -euo pipefail
root=$1
here=$(cd "$(dirname "$0")" && pwd)
build=$(mktemp -d /tmp/botpool-launch.XXXXXX)
trap 'rm -rf "$build"' EXIT

gcc -static -O2 -Wall -Wextra -Werror -o "$build/botpool-launch" "$here/launcher.c"
strip "$build/botpool-launch"
install -D -m 0755 "$build/botpool-launch" "$root/usr/local/bin/botpool-launch"
install -D -m 0644 "$here/zygote.py" "$root/usr/local/lib/botpool/zygote.py"
install -D -m 0644 "$here/zygote_learning.py" "$root/usr/local/lib/botpool/zygote_learning.py"
