"""Test ballast for fork pools: importing it allocates about BALLAST_MB (default 50) MB of
small Python objects (two-item lists of an int and a str), the kind of heap a preloaded
FreqTrade has, so a test can tell shared pages from copied ones. Lists because the collector
tracks them (it untracks tuples of atoms), so without gc.freeze() a collection in a bot would
write to every one of their pages. Not bytes: those would be shared anyway."""
import os

_MB = int(os.environ.get("BALLAST_MB", "50"))
# About 190 bytes per entry: the list, its item array, its int and str, the outer pointer.
OBJECTS = [[i, f"ballast-{i}"] for i in range(_MB * 5500)]
