#!/usr/bin/env bash
# Prints the hash of every file under the given directories of images/ (Dockerfile and
# README.md excepted, and Python bytecode that running the zygote's tests leaves beside it, so
# a fresh clone and a worked-in checkout agree): what decides an image's contents.
# Usage: recipe-hash.sh DIR...
# e.g. `recipe-hash.sh pool common`.
set -euo pipefail
cd "$(dirname "$0")/.."
find "$@" -type d -name __pycache__ -prune -o -type f ! -name Dockerfile ! -name README.md ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum \
    | sha256sum | cut -c1-16
