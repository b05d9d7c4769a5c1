import BotpoolClients
import BotpoolManifest
import BotpoolPlanner
import Foundation

/// What a pool is, written both as container labels (read back each pass) and as `pool.json`
/// in the pool's host directory (read back when the container is gone).
struct PoolMetadata: Codable, Equatable, Sendable {
    var name: String
    var poolClass: String
    /// nil for a pool of a shared class.
    var tenant: String?
    var index: Int
    var basePort: Int
    var templateHash: String
    /// Host IP the bot ports are published on; "" when not published.
    var publish: String
    /// How its host directory and container are laid out (nil: before layouts were labelled).
    var layout: Int?

    static let fileName = "pool.json"
    /// 2: read-only config dir, separate run dir, supervisord login, confined container on the
    /// pool network. 3: shared pools mount one bind per slot instead of all of `tenants/`
    /// (dedicated pools are alike in 2 and 3). A pool of an older layout reads as drifted (its
    /// template hash gets a suffix) and is replaced like any pool whose template changed: one
    /// per pass, not while it holds a frozen bot.
    static let currentLayout = 3

    static func isCurrent(layout: Int, shared: Bool) -> Bool {
        layout == currentLayout || (layout == 2 && !shared)
    }
    /// The tenant label of a shared pool (a tenant cannot be named with a leading `*`).
    static let sharedTenant = "*shared"

    init(target: PoolTarget, spec: PoolClassSpec) {
        name = target.name
        poolClass = target.poolClass
        tenant = target.tenant
        index = target.index
        basePort = spec.port(poolIndex: target.index, slot: 0)
        templateHash = spec.templateHash
        publish = spec.publish
        layout = Self.currentLayout
    }

    func labels(stateDir: String) -> [String: String] {
        [
            PoolLabel.stateDir: stateDir,
            PoolLabel.managedBy: PoolLabel.managedByValue,
            PoolLabel.pool: name,
            PoolLabel.poolClass: poolClass,
            PoolLabel.tenant: tenant ?? Self.sharedTenant,
            PoolLabel.basePort: String(basePort),
            PoolLabel.templateHash: templateHash,
            PoolLabel.index: String(index),
            PoolLabel.publish: publish,
            PoolLabel.layout: String(layout ?? 1),
        ]
    }

    /// nil with the reason when a label is missing or unreadable.
    static func parse(labels: [String: String]) -> Result<PoolMetadata, MalformedLabels> {
        func require(_ key: String) -> Result<String, MalformedLabels> {
            guard let value = labels[key], !value.isEmpty else { return .failure(MalformedLabels(problem: "label \(key) missing")) }
            return .success(value)
        }
        do {
            let name = try require(PoolLabel.pool).get()
            let poolClass = try require(PoolLabel.poolClass).get()
            let tenant = try require(PoolLabel.tenant).get()
            let templateHash = try require(PoolLabel.templateHash).get()
            guard let basePort = Int(try require(PoolLabel.basePort).get()) else {
                return .failure(MalformedLabels(problem: "label \(PoolLabel.basePort) is not a number"))
            }
            guard let index = Int(labels[PoolLabel.index] ?? "") ?? name.split(separator: "-").last.flatMap({ Int($0) }) else {
                return .failure(MalformedLabels(problem: "no pool index in label \(PoolLabel.index) or name \(name)"))
            }
            let layout = Int(labels[PoolLabel.layout] ?? "") ?? 1
            return .success(PoolMetadata(name: name, poolClass: poolClass, tenant: tenant == sharedTenant ? nil : tenant,
                                         index: index, basePort: basePort,
                                         templateHash: isCurrent(layout: layout, shared: tenant == sharedTenant)
                                             ? templateHash : "\(templateHash) (layout \(layout))",
                                         publish: labels[PoolLabel.publish] ?? "127.0.0.1", layout: layout))
        } catch {
            return .failure(error)
        }
    }

    private init(name: String, poolClass: String, tenant: String?, index: Int, basePort: Int, templateHash: String,
                 publish: String, layout: Int) {
        self.name = name
        self.poolClass = poolClass
        self.tenant = tenant
        self.index = index
        self.basePort = basePort
        self.templateHash = templateHash
        self.publish = publish
        self.layout = layout
    }

    var target: PoolTarget {
        PoolTarget(name: name, poolClass: poolClass, tenant: tenant, index: index)
    }
}

struct MalformedLabels: Error {
    var problem: String
}
