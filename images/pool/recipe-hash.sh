#!/usr/bin/env bash
# Prints the hash of everything that decides what the pool image contains.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
find . -type f ! -name Dockerfile ! -name README.md -print0 | sort -z | xargs -0 sha256sum \
    | sha256sum | cut -c1-16
