import BotpoolManifest

/// Position of each desired bot in `desired.bots`, by tenant and then by name.
///
/// A pool's bots share a tenant (a shared pool's mostly come in runs of one tenant), so reading
/// a pool looks its tenant up once and then hashes only names, in a table of that tenant's bots
/// that stays in cache. One table keyed by whole ids did not: at 100,000 bots building and
/// reading it took 23 and 10 times as long as at 10,000.
struct BotIndex {
    private var tenants: [String: [String: Int]] = [:]

    init() {}

    /// The last position wins for an id that occurs twice.
    init(_ bots: [DesiredBot]) {
        var tenant: String?
        var names: [String: Int] = [:]
        for (position, bot) in bots.enumerated() {
            let id = bot.id
            if id.tenant != tenant {
                if let tenant { tenants[tenant] = names }
                tenant = id.tenant
                names = tenants.removeValue(forKey: id.tenant) ?? [:]
                // Sized for the run of this tenant's bots that starts here, not grown bot by bot.
                let run = bots[position...].prefix { $0.id.tenant == id.tenant }.count
                names.reserveCapacity(names.count + run)
            }
            names[id.name] = position
        }
        if let tenant { tenants[tenant] = names }
    }

    subscript(id: BotID) -> Int? {
        tenants[id.tenant]?[id.name]
    }

    /// The positions of one tenant's bots, by name.
    func names(of tenant: String) -> [String: Int] {
        tenants[tenant] ?? [:]
    }
}
