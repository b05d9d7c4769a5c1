import BotpoolManifest

/// A valid bot manifest and the fingerprint its process must run with.
///
/// Held in one shared box: the planner copies desired bots around (into its homeless list, into
/// the status), and a copy of the bare fields retained every string, array and dictionary of
/// the spec, the largest cost of a plan at 100,000 bots. A copy is now one retain.
public struct DesiredBot: Hashable, Sendable {
    private final class Box: Sendable {
        let bot: Bot
        let fingerprint: SpecFingerprint

        init(bot: Bot, fingerprint: SpecFingerprint) {
            self.bot = bot
            self.fingerprint = fingerprint
        }
    }

    private var box: Box

    /// - Parameter fingerprint: nil computes it from the spec without secret digests.
    public init(_ bot: Bot, fingerprint: SpecFingerprint? = nil) {
        box = Box(bot: bot, fingerprint: fingerprint ?? SpecFingerprint(spec: bot.spec))
    }

    public var bot: Bot {
        get { box.bot }
        set { box = Box(bot: newValue, fingerprint: box.fingerprint) }
    }

    public var fingerprint: SpecFingerprint {
        get { box.fingerprint }
        set { box = Box(bot: box.bot, fingerprint: newValue) }
    }

    public var id: BotID { box.bot.id }
    public var spec: BotSpec { box.bot.spec }
    public var memoryBytes: Int64 { box.bot.spec.memory?.bytes ?? 0 }

    public static func == (lhs: DesiredBot, rhs: DesiredBot) -> Bool {
        lhs.box === rhs.box || (lhs.box.bot == rhs.box.bot && lhs.box.fingerprint == rhs.box.fingerprint)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.bot)
        hasher.combine(box.fingerprint)
    }
}
