# Sourced by bench/*/run.sh: the images (scripts/setup), then BOTPOOL_BIN, a release build
# unless the caller names a binary.
scripts/setup
if [ -z "${BOTPOOL_BIN:-}" ]; then
    swift build -c release --product botpool >/dev/null
    BOTPOOL_BIN=$(swift build -c release --show-bin-path)/botpool
fi
