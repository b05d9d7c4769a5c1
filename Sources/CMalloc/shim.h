#ifndef BOTPOOL_CMALLOC_SHIM_H
#define BOTPOOL_CMALLOC_SHIM_H

// glibc's mallopt and the two parameters botpool sets (see Sources/BotpoolCLI/MallocTuning.swift).
#include <malloc.h>

static const int botpool_malloc_arena_max = M_ARENA_MAX;
static const int botpool_malloc_mmap_threshold = M_MMAP_THRESHOLD;

#endif
