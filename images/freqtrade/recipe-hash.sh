#!/usr/bin/env bash
# Prints the hash of everything that decides what the FreqTrade pool image contains.
exec "$(dirname "$0")/../common/recipe-hash.sh" freqtrade common
