extension PoolClassSpec {
    /// Hash of the fields that need a new container when they change (image, limits, ports,
    /// publish address, tenancy mounts, runtime). Capacity and GC settings are not part of it,
    /// nor is `nodePlacement`: it only chooses the node of a new pool, and a running pool stays
    /// on its node (hashing it would also replace every pool of a class that sets it on upgrade).
    public var templateHash: String {
        var hasher = StableHash()
        hasher.combine(image)
        hasher.combine(String(maxBots))
        hasher.combine(memoryLimit.map { String($0.bytes) } ?? "-")
        hasher.combine(cpus.map { String($0) } ?? "-")
        hasher.combine(String(basePort))
        hasher.combine(publish)
        hasher.combine(tenancy.rawValue)
        switch runtime {
        case .exec:
            hasher.combine("exec")
        case .fork(let python, let preload, let learns):
            // `auto` hashed as the list item it is written as, so classes that do not learn
            // keep their hash. What was learned is not hashed: it would replace pools in a loop.
            hasher.combine("fork")
            hasher.combine(python)
            hasher.combine((preload + (learns ? [PoolRuntime.learnWord] : [])).joined(separator: ","))
        }
        return String(StableHash.hex(hasher.value).prefix(12))
    }
}
