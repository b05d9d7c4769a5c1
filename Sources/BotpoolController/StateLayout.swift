import BotpoolClients
import Foundation

/// Where botpool keeps files on the host (docs/architecture.md "The state dir"):
///
///     pools/<pool>/pool.json          what the pool is (read when its container is gone)
///     pools/<pool>/config/            supervisord.conf, conf.d/<bot>.conf: read-only in the pool
///     pools/<pool>/run/               supervisor.sock, logs, zygote socket: the pool writes here
///     pools/<pool>/slots/<slot>/      shared pools: where the slot's bot's data dir is bound
///     tenants/<tenant>/bots/<bot>/    the bot's data dir
///     classes/<class>/learned-preload.json  what zygotes of a `preload: auto` class learned
///
/// Everything a pool can write (`run/`, data dirs) is written and read by the controller only
/// through `confined`, which follows no symlink. Pools made before the split (layout 1) had one
/// read-write `pools/<pool>/supervisor/`; it is removed when such a pool is replaced.
public struct StateLayout: Sendable, Equatable {
    public var root: URL

    /// Where a pool container sees its tenant's bots (dedicated pools).
    public static let containerBotsDir = "/bots"
    /// Where a shared pool sees its slots: `/slots/<slot>` is the data dir of the bot placed
    /// on that slot (see `SharedPoolSlots`), and nothing else of `tenants/` is in the pool.
    public static let containerSlotsDir = "/slots"

    /// `sun_path` holds 108 bytes including the terminating NUL.
    public static let maximumSocketPathBytes = 107

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public init(path: String) {
        self.init(root: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// Host writes beneath the state dir that follow no symlink a pool could plant.
    public var confined: ConfinedRoot {
        ConfinedRoot(root.path)
    }

    /// `pools/<pool>` relative to the root.
    public static func poolPath(_ pool: String) -> String {
        "pools/\(pool)"
    }

    /// Mounted read-only: only the controller writes supervisord's configuration.
    public static func configPath(pool: String) -> String {
        poolPath(pool) + "/config"
    }

    /// Mounted read-write: supervisord's socket, pid and logs, the zygote's socket and status.
    public static func runPath(pool: String) -> String {
        poolPath(pool) + "/run"
    }

    /// The single read-write supervisor dir of a layout-1 pool.
    public static func legacySupervisorPath(pool: String) -> String {
        poolPath(pool) + "/supervisor"
    }

    public func configDir(pool: String) -> URL {
        root.appendingPathComponent(Self.configPath(pool: pool), isDirectory: true)
    }

    public func runDir(pool: String) -> URL {
        root.appendingPathComponent(Self.runPath(pool: pool), isDirectory: true)
    }

    public func supervisorSocket(pool: String) -> URL {
        runDir(pool: pool).appendingPathComponent(Supervisor.PoolConfig.socketName)
    }

    /// Where a layout-1 pool's supervisord listens, until the pool is replaced.
    public func legacySupervisorSocket(pool: String) -> URL {
        root.appendingPathComponent(Self.legacySupervisorPath(pool: pool) + "/" + Supervisor.PoolConfig.socketName)
    }

    public func programFile(pool: String, bot: String) -> URL {
        configDir(pool: pool).appendingPathComponent("conf.d/\(bot).conf")
    }

    /// Controller records about a PoolClass; mounted into no pool.
    public static func classPath(_ poolClass: String) -> String {
        "classes/\(poolClass)"
    }

    /// `LearnedPreload`: remove it to have the class's next zygote learn anew.
    public static func learnedPreloadPath(poolClass: String) -> String {
        classPath(poolClass) + "/learned-preload.json"
    }

    public static func dataPath(tenant: String, bot: String) -> String {
        "tenants/\(tenant)/bots/\(bot)"
    }

    public var tenantsDir: URL {
        root.appendingPathComponent("tenants", isDirectory: true)
    }

    public func botsDir(tenant: String) -> URL {
        tenantsDir.appendingPathComponent("\(tenant)/bots", isDirectory: true)
    }

    public func dataDir(tenant: String, bot: String) -> URL {
        botsDir(tenant: tenant).appendingPathComponent(bot, isDirectory: true)
    }

    /// Shared pools: the directory of slot directories, a shared mount point.
    public static func slotsPath(pool: String) -> String {
        poolPath(pool) + "/slots"
    }

    public static func slotPath(pool: String, slot: Int) -> String {
        slotsPath(pool: pool) + "/\(slot)"
    }

    /// The bot's data dir as its process sees it inside a pool container: by name in a dedicated
    /// pool (which mounts its tenant's `bots/`), by slot in a shared one.
    public static func containerDataDir(bot: String, slot: Int, sharedTenancy: Bool) -> String {
        sharedTenancy ? "\(containerSlotsDir)/\(slot)" : "\(containerBotsDir)/\(bot)"
    }
}
