import BotpoolManifest

/// A per-bot target of a watcher that runs one loop per target (probes, trading reads).
protocol WatchTarget: Hashable, Sendable {
    var bot: BotID { get }
    /// Changes with the bot's process.
    var generation: String { get }
}

/// The targets a watcher runs, by bot. Replacing them says which bots went (forget them),
/// which targets are new or changed (start a loop: the old one ends when it sees its target is
/// no longer current) and which bots have a new process (forget what was read of the old one).
struct WatchedTargets<Target: WatchTarget> {
    private(set) var byBot: [BotID: Target] = [:]

    struct Change {
        var gone: [BotID] = []
        var started: [Target] = []
        var newProcess: [BotID] = []
    }

    mutating func replace(with targets: [Target]) -> Change {
        let wanted = Dictionary(targets.map { ($0.bot, $0) }, uniquingKeysWith: { _, last in last })
        var change = Change()
        for id in byBot.keys where wanted[id] == nil {
            byBot[id] = nil
            change.gone.append(id)
        }
        for (id, target) in wanted where byBot[id] != target {
            if byBot[id]?.generation != target.generation { change.newProcess.append(id) }
            byBot[id] = target
            change.started.append(target)
        }
        return change
    }

    func isCurrent(_ target: Target) -> Bool {
        byBot[target.bot] == target
    }
}
