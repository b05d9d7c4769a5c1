#!/usr/bin/env bash
# Builds the FreqTrade pool image without a registry: mmdebstrap bookworm (python3-venv,
# supervisor, libstdc++6 for the numeric wheels), a venv at /opt/freqtrade with the pinned
# requirements.txt installed offline, and the fork runtime (images/common).
# Usage: images/freqtrade/build.sh [TAG]   (default botpool/freqtrade:dev)
#
# Wheels are fetched on this host, once per requirements.txt, into
# $BOTPOOL_WHEEL_CACHE (default /var/cache/botpool/wheels): the chroot has neither DNS nor
# the host's pip settings. Needs a host python3.11 with pip (bookworm's ABI); override with
# BOTPOOL_WHEEL_PYTHON. scripts/setup skips the build when the recipe hash matches.
set -euo pipefail

tag=${1:-botpool/freqtrade:dev}
here=$(cd "$(dirname "$0")" && pwd)
common=$(cd "$here/../common" && pwd)
hash=$("$here/recipe-hash.sh")
python=${BOTPOOL_WHEEL_PYTHON:-python3.11}
requirements=$here/requirements.txt
pin=$(grep -E '^freqtrade==' "$requirements" | cut -d= -f3)
cache=${BOTPOOL_WHEEL_CACHE:-/var/cache/botpool/wheels}/freqtrade-$pin-$(sha256sum "$requirements" | cut -c1-12)
work=$(mktemp -d /tmp/botpool-image.XXXXXX)
trap 'rm -rf "$work" "$cache.partial"' EXIT

if [ ! -f "$cache/complete" ]; then
    "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
        || { echo "build: $python is not Python 3.11 (bookworm's); set BOTPOOL_WHEEL_PYTHON" >&2; exit 1; }
    echo "fetching wheels for freqtrade $pin into $cache..."
    rm -rf "$cache.partial"
    "$python" -m pip wheel --quiet --no-deps --wheel-dir "$cache.partial" -r "$requirements"
    touch "$cache.partial/complete"
    mv "$cache.partial" "$cache"
fi

# Hooks run in the chroot with a clean environment: the host's PIP_* settings name paths
# that do not exist there.
in_chroot='chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8'
packages=python3,python3-venv,libstdc++6,supervisor,curl,ca-certificates,procps

echo "building $tag (recipe $hash, freqtrade $pin) with mmdebstrap..."
mmdebstrap --quiet --variant=essential --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    --customize-hook='mkdir -p "$1"/botpool/supervisor "$1"/bots "$1"/tmp/wheels' \
    --customize-hook="cp '$cache'/*.whl '$requirements' \"\$1\"/tmp/wheels/" \
    --customize-hook="$in_chroot python3 -m venv /opt/freqtrade" \
    --customize-hook="$in_chroot /opt/freqtrade/bin/pip install --quiet --no-index --no-cache-dir --find-links /tmp/wheels -r /tmp/wheels/requirements.txt" \
    --customize-hook='rm -rf "$1"/tmp/wheels' \
    --customize-hook="'$common/install-fork-runtime.sh' \"\$1\"" \
    bookworm "$work/rootfs.tar"

docker import \
    --change 'CMD ["supervisord", "-n", "-c", "/botpool/supervisor/supervisord.conf"]' \
    --change 'WORKDIR /bots' \
    --change 'ENV PATH=/opt/freqtrade/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "LABEL io.botpool.recipe-hash=$hash" \
    --change "LABEL io.botpool.freqtrade-version=$pin" \
    --change 'LABEL org.opencontainers.image.title=botpool-freqtrade' \
    "$work/rootfs.tar" "$tag" >/dev/null
echo "built $tag"
