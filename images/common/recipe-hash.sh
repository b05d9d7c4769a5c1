#!/usr/bin/env bash
# Prints the hash of every file under the given directories of images/ (Dockerfile and
# README.md excepted): what decides an image's contents. Usage: recipe-hash.sh DIR...
# e.g. `recipe-hash.sh pool common`.
set -euo pipefail
cd "$(dirname "$0")/.."
find "$@" -type f ! -name Dockerfile ! -name README.md -print0 | sort -z | xargs -0 sha256sum \
    | sha256sum | cut -c1-16
