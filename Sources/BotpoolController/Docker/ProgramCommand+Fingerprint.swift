import BotpoolClients
import BotpoolManifest

extension Supervisor.ProgramCommand {
    /// The spec fingerprint the program was written with; nil when the text is not one.
    /// Decoded on each use: read it once per program.
    var fingerprint: SpecFingerprint? {
        SpecFingerprint(encoded: fingerprintText)
    }
}
