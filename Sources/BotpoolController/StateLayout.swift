import Foundation

/// Where botpool keeps files on the host (DESIGN.md "Host layout"):
///
///     pools/<pool>/supervisor/        supervisord.conf, conf.d/<bot>.conf, supervisor.sock, logs
///     tenants/<tenant>/bots/<bot>/    the bot's data dir
public struct StateLayout: Sendable, Equatable {
    public var root: URL

    /// Where a pool container sees its supervisor dir and (dedicated) its tenant's bots.
    public static let containerSupervisorDir = "/botpool/supervisor"
    public static let containerBotsDir = "/bots"
    /// Shared pools mount all of `tenants/`, so a bot's data dir is `/tenants/<t>/bots/<b>`.
    public static let containerTenantsDir = "/tenants"

    /// `sun_path` holds 108 bytes including the terminating NUL.
    public static let maximumSocketPathBytes = 107

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public init(path: String) {
        self.init(root: URL(fileURLWithPath: path, isDirectory: true))
    }

    public func supervisorDir(pool: String) -> URL {
        root.appendingPathComponent("pools/\(pool)/supervisor", isDirectory: true)
    }

    public func supervisorSocket(pool: String) -> URL {
        supervisorDir(pool: pool).appendingPathComponent("supervisor.sock")
    }

    public func programFile(pool: String, bot: String) -> URL {
        supervisorDir(pool: pool).appendingPathComponent("conf.d/\(bot).conf")
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

    /// The bot's data dir as its process sees it inside a pool container.
    public static func containerDataDir(tenant: String, bot: String, sharedTenancy: Bool) -> String {
        sharedTenancy ? "\(containerTenantsDir)/\(tenant)/bots/\(bot)" : "\(containerBotsDir)/\(bot)"
    }
}
