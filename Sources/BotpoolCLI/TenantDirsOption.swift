import ArgumentParser
import BotpoolManifest
import Foundation

/// `--tenant-dirs` (env `BOTPOOL_TENANT_DIRS=1`), shared by `validate` and every command that
/// takes `CommonOptions`: files below `<manifests>/<tenant>/` may declare only that tenant's
/// Bots, and PoolClasses only the files at the top.
struct TenantDirsOption: ParsableArguments, Sendable {
    @Flag(help: ArgumentHelp(
        "Files below <manifests>/<tenant>/ may declare only that tenant's Bots, PoolClasses only files at the top (env BOTPOOL_TENANT_DIRS=1)."))
    var tenantDirs = false

    static let environmentName = "BOTPOOL_TENANT_DIRS"

    func validate() throws {
        _ = try Self.parse(ProcessInfo.processInfo.environment[Self.environmentName])
    }

    /// The flag, else the environment variable.
    var enabled: Bool {
        tenantDirs || ((try? Self.parse(ProcessInfo.processInfo.environment[Self.environmentName])) ?? false)
    }

    /// Unset, empty, `0` or `false` is off; `1` or `true` on; anything else a usage error, so a
    /// typo does not silently turn the check off.
    static func parse(_ value: String?) throws -> Bool {
        switch value?.lowercased() {
        case nil, "", "0", "false": return false
        case "1", "true": return true
        case let other?: throw ValidationError("\(environmentName)=\(other): expected 1 or 0")
        }
    }

    var loader: ManifestLoader { ManifestLoader(tenantDirectories: enabled) }
}
