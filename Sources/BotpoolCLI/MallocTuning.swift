#if canImport(Glibc)
import CMalloc
#endif
import Foundation

/// glibc's allocator, set up for a long-running controller before any thread starts.
///
/// By default glibc gives threads up to 8 arenas per core and raises its mmap threshold each
/// time a large block is freed, so the large short-lived buffers of a pass (decoded XML-RPC
/// answers, the desired and observed state, the status) land in arenas that keep them. At
/// 5,000 bots that made the daemon grow by about 6 MB a pass (95 -> 121 MB over five no-op
/// passes); with 2 arenas and blocks of 128 KiB and more always mapped (and returned when
/// freed) it stays at 81-83 MB. `MALLOC_ARENA_MAX` and `MALLOC_MMAP_THRESHOLD_` in the
/// environment still win.
public enum MallocTuning {
    struct Setting: Equatable {
        var parameter: Int32
        var value: Int32
    }

    static let arenaMax: Int32 = 2
    static let mmapThreshold: Int32 = 128 * 1024

    /// The settings to apply: those the environment does not set itself.
    static func settings(environment: [String: String]) -> [Setting] {
        #if canImport(Glibc)
        var settings: [Setting] = []
        if environment["MALLOC_ARENA_MAX"] == nil {
            settings.append(Setting(parameter: botpool_malloc_arena_max, value: arenaMax))
        }
        if environment["MALLOC_MMAP_THRESHOLD_"] == nil {
            settings.append(Setting(parameter: botpool_malloc_mmap_threshold, value: mmapThreshold))
        }
        return settings
        #else
        return []
        #endif
    }

    /// Call first thing in `main`, before any thread is made (arenas made before stay).
    public static func apply(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if canImport(Glibc)
        for setting in settings(environment: environment) {
            _ = mallopt(setting.parameter, setting.value)
        }
        #endif
    }
}
