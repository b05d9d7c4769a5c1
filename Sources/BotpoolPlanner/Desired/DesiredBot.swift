import BotpoolManifest

/// A valid bot manifest and the fingerprint its process must run with.
public struct DesiredBot: Hashable, Sendable {
    public var bot: Bot
    public var fingerprint: SpecFingerprint

    /// - Parameter fingerprint: nil computes it from the spec without secret digests.
    public init(_ bot: Bot, fingerprint: SpecFingerprint? = nil) {
        self.bot = bot
        self.fingerprint = fingerprint ?? SpecFingerprint(spec: bot.spec)
    }

    public var id: BotID { bot.id }
    public var spec: BotSpec { bot.spec }
    public var memoryBytes: Int64 { bot.spec.memory?.bytes ?? 0 }
}
