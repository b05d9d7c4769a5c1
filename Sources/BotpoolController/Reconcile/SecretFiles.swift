import BotpoolManifest
import Foundation

/// Reads `env: {fromFile: PATH}` values on the controller's host at reconcile time. Values are
/// kept for the executor and only their digests reach the planner, logs and status.
struct SecretFiles: Sendable {
    var values: [BotID: [String: String]] = [:]
    var digests: [BotID: [String: UInt64]] = [:]
    /// Bots whose secret could not be used; they are frozen this pass, never started without it.
    var problems: [BotID: String] = [:]

    /// One trailing newline is dropped (`echo secret > file`); any other newline or a NUL makes
    /// the value unusable in a supervisord environment.
    ///
    /// A tenant's bots read secrets only below `<secretsDir>/<tenant>/`, the path resolved with
    /// every symlink first: a manifest author of one tenant cannot hand another tenant's secret,
    /// the status token or any host file to a bot (the controller reads as root).
    static func read(
        _ bots: [Bot], secretsDir: String,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) -> SecretFiles {
        var result = SecretFiles()
        // Per tenant, and only for bots that read a file: most bots have no secret file, and
        // Foundation's path handling for each of them was a few percent of a no-op pass.
        var allowedByTenant: [String: String] = [:]
        for bot in bots {
            for variable in bot.spec.env {
                guard case .fromFile(let path) = variable.value else { continue }
                let allowed = allowedByTenant[bot.tenant]
                    ?? URL(fileURLWithPath: secretsDir).appendingPathComponent(bot.tenant).standardizedFileURL.path
                allowedByTenant[bot.tenant] = allowed
                guard Self.isBeneath(path, allowed) else {
                    result.problems[bot.id] = "env \(variable.name): fromFile \(path) is outside \(allowed)/, "
                        + "the only directory tenant \(bot.tenant)'s secrets are read from (--secrets-dir)"
                    continue
                }
                do {
                    var value = try readFile(path)
                    if value.hasSuffix("\n") { value.removeLast() }
                    if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) {
                        result.problems[bot.id] = "env \(variable.name): \(path) holds a newline or NUL, which cannot be passed to a bot"
                        continue
                    }
                    result.values[bot.id, default: [:]][variable.name] = value
                    result.digests[bot.id, default: [:]][variable.name] = StableHash.of(value)
                } catch {
                    result.problems[bot.id] = "env \(variable.name): cannot read \(path): \(Self.reason(error))"
                }
            }
        }
        return result
    }

    /// `path`, with every symlink resolved, is a file strictly below `directory` (itself resolved).
    static func isBeneath(_ path: String, _ directory: String) -> Bool {
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return target.hasPrefix(root == "/" ? "/" : root + "/") && target != root
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
