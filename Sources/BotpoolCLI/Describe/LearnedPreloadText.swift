import BotpoolController

/// `describe pool`'s lines for a zygote that learns (`preload: auto`).
enum LearnedPreloadText {
    /// Up to this many learned modules are listed; the record has them all.
    static let listed = 40

    /// `2448 modules; saves ~270.0Mi per bot forked after learning (the zygote's heap grew by
    /// that importing them, and each bot shares it instead of building its own copy); kept in
    /// classes/ft/learned-preload.json`.
    static func summary(_ learned: LearnedPreload, poolClass: String) -> String {
        guard !learned.modules.isEmpty else { return "nothing yet (learns from the first bot it forks)" }
        return "\(learned.modules.count) modules; saves ~\(MemoryText.binary(Int64(learned.learnedBytes))) per bot "
            + "forked after learning (the zygote's heap grew by that importing them; each bot shares it "
            + "instead of building its own copy); kept in \(StateLayout.learnedPreloadPath(poolClass: poolClass))"
    }

    static func shown(_ learned: LearnedPreload) -> [String] {
        let more = learned.modules.count - listed
        return more > 0 ? Array(learned.modules.prefix(listed)) + ["… \(more) more"] : learned.modules
    }
}
