import BotpoolClients
import BotpoolPlanner
import Synchronization

/// What a pool's supervisord said about its programs' configuration (`reloadConfig`,
/// `getAllConfigInfo`, checked against the program files), kept while nothing can have changed
/// it: the same container, a `conf.d` whose stamp is unchanged and no action on the pool since.
/// A no-op pass then asks each pool only for its processes (`getAllProcessInfo`), and
/// supervisord does not re-read its configuration every pass.
///
/// Kept only for a settled pool (supervisord's loaded config matched the files), in memory only.
final class ProgramConfigCache: Sendable {
    struct Entry: Sendable {
        var container: String
        var stamp: FileStamp
        var programs: ConfiguredPrograms
    }

    private let entries = Mutex<[String: Entry]>([:])

    func entry(pool: String, container: String, stamp: FileStamp) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[pool], entry.container == container, entry.stamp == stamp else { return nil }
            return entry
        }
    }

    func store(_ entry: Entry, pool: String) {
        entries.withLock { $0[pool] = entry }
    }

    func forget(pool: String) {
        entries.withLock { $0[pool] = nil }
    }

    /// Pools gone from the last list: their entries go too, so the cache is as large as the fleet.
    func keep(only pools: Set<String>) {
        entries.withLock { entries in entries = entries.filter { pools.contains($0.key) } }
    }
}

/// The bots a pool's configuration names, each with its supervisord program name, process
/// fields left for `getAllProcessInfo` to fill in (`.stopped`: in the files, not yet added).
struct ConfiguredPrograms: Sendable {
    var bots: [(program: String, bot: ObservedBot)]
    var hasZygote: Bool
}
