import BotpoolManifest
import BotpoolPlanner

/// The commits at which each bot's manifest was last valid and first seen broken: memory
/// only, like the rest of what a pass remembers (a restarted controller knows no last good one).
struct ManifestHistory {
    private var lastGood: [BotID: String] = [:]
    private var brokenIn: [BotID: String] = [:]

    /// Records this pass and returns each shown bot's manifest view; none outside a checkout.
    mutating func record(_ provenance: ManifestProvenance?, desired: DesiredState, statuses: [BotStatus]) -> [BotID: ManifestView] {
        guard let provenance else { return [:] }
        let commit = provenance.commit
        let valid = Set(desired.bots.map(\.id))
        let frozen = desired.frozenBots.union(statuses.filter { $0.phase == .frozen }.map(\.bot))
        let known = valid.union(frozen)
        let edited = Set(known.filter { id in desired.lastKnownFiles[id].map(provenance.isEditedAfterHead) ?? false })
        for id in valid {
            // An uncommitted edit is not what `commit` holds.
            if let commit, !edited.contains(id) { lastGood[id] = commit }
            brokenIn[id] = nil
        }
        // Broken by an edit not committed yet: the commit that takes it will be named.
        for id in frozen where brokenIn[id] == nil && !edited.contains(id) {
            brokenIn[id] = commit
        }
        lastGood = lastGood.filter { known.contains($0.key) }
        brokenIn = brokenIn.filter { known.contains($0.key) }

        var views: [BotID: ManifestView] = [:]
        for id in known {
            var view = ManifestView(path: desired.lastKnownFiles[id].flatMap(provenance.path(of:)), commit: commit)
            if frozen.contains(id) {
                view.brokenIn = brokenIn[id]
                view.lastGoodCommit = lastGood[id]
            }
            if edited.contains(id) { view.uncommitted = true }
            views[id] = view
        }
        return views
    }
}
