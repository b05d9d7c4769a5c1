import BotpoolManifest

extension ManifestApply {
    /// `bot alice/btc-dca created`, `… configured`, `… unchanged`, and `… deleted` for what a
    /// replaced file declared and the new one does not.
    static func changes(before: ManifestSet, after: ManifestSet, given: Set<String>, replaced: Set<String>) -> [String] {
        var lines: [String] = []
        let oldBots = Dictionary(before.bots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newBots = Set(after.bots.map(\.id))
        for poolClass in after.poolClasses where given.contains(poolClass.source.file) {
            let old = before.poolClasses.first { $0.name == poolClass.name }
            lines.append("poolclass \(poolClass.name) \(verb(old == nil, same: old?.spec == poolClass.spec))")
        }
        for bot in after.bots where given.contains(bot.source.file) {
            let old = oldBots[bot.id]
            lines.append("bot \(bot.id) \(verb(old == nil, same: old?.spec == bot.spec && old?.labels == bot.labels))")
        }
        for poolClass in before.poolClasses where replaced.contains(poolClass.source.file)
            && !after.poolClasses.contains(where: { $0.name == poolClass.name }) {
            lines.append("poolclass \(poolClass.name) deleted (no longer in \(poolClass.source.file))")
        }
        for bot in before.bots where replaced.contains(bot.source.file) && !newBots.contains(bot.id) {
            lines.append("bot \(bot.id) deleted (no longer in \(bot.source.file))")
        }
        return lines
    }

    private static func verb(_ created: Bool, same: Bool) -> String {
        created ? "created" : same ? "unchanged" : "configured"
    }
}
