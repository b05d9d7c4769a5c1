#!/usr/bin/env bash
# Builds the local pool image without a registry: a Debian bookworm root filesystem made by
# mmdebstrap from this machine's apt sources, imported into Docker with the CMD and labels a
# pool container needs. Usage: images/pool/build.sh [TAG]   (default botpool/pool:dev)
#
# The image is labelled with the hash of this recipe; scripts/setup skips the build when an
# image with the same hash exists.
#
# It carries the fork runtime (images/common): the zygote and the botpool-launch launcher.
set -euo pipefail

tag=${1:-botpool/pool:dev}
here=$(cd "$(dirname "$0")" && pwd)
common=$(cd "$here/../common" && pwd)
hash=$("$here/recipe-hash.sh")
work=$(mktemp -d /tmp/botpool-image.XXXXXX)
trap 'rm -rf "$work"' EXIT

# supervisor pulls in python3; python3 (not -minimal) brings the stdlib the example bots use.
packages=python3,supervisor,curl,ca-certificates,procps

echo "building $tag (recipe $hash) with mmdebstrap..."
mmdebstrap --quiet --variant=essential --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    --customize-hook='mkdir -p "$1"/botpool/supervisor "$1"/bots' \
    --customize-hook="'$common/install-fork-runtime.sh' \"\$1\"" \
    bookworm "$work/rootfs.tar"

docker import \
    --change 'CMD ["supervisord", "-n", "-c", "/botpool/supervisor/supervisord.conf"]' \
    --change 'WORKDIR /bots' \
    --change "LABEL io.botpool.recipe-hash=$hash" \
    --change 'LABEL org.opencontainers.image.title=botpool-pool' \
    "$work/rootfs.tar" "$tag" >/dev/null
echo "built $tag"
