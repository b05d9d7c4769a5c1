extension StatusSnapshot {
    /// What a tenant's token sees: its bots, the pools of that tenant holding no other tenant's
    /// bot, the events of those, and the last pass's timing and counts (controller-wide, naming
    /// nothing). Manifest diagnostics are left out: they name other tenants' files and quote their
    /// values. A bot in a shared pool still names its pool; the pool itself is not listed (a
    /// tenant named `shared` does not see the shared pools either).
    public func visible(to tenant: String) -> StatusSnapshot {
        let othersPools = Set(bots.filter { $0.tenant != tenant }.compactMap(\.pool))
        let pools = pools.filter { $0.tenant == tenant && !othersPools.contains($0.name) }
        let poolNames = Set(pools.map(\.name))
        return StatusSnapshot(
            generatedAt: generatedAt, lastPass: lastPass, pools: pools,
            bots: bots.filter { $0.tenant == tenant }, diagnostics: [],
            events: events?.filter { $0.object.hasPrefix(tenant + "/") || poolNames.contains($0.object) })
    }
}
