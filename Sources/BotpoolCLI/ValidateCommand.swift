import ArgumentParser
import BotpoolManifest
import Foundation

/// `botpool validate [PATH...]`: check manifests without touching anything.
public struct ValidateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests and print every problem with file, line, column and field path.",
        discussion: "Exit status: 0 valid, 1 invalid, 2 usage or I/O error (e.g. a missing path)."
    )

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text
        case json
    }

    @Argument(help: "Manifest files or directories (default: $BOTPOOL_MANIFESTS, else ./manifests).")
    public var paths: [String] = []

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    public var output: Format = .text

    @OptionGroup var tenancy: TenantDirsOption

    public init() {}

    /// What a run prints and how it exits, computed without printing, so tests can check it.
    public struct Outcome: Sendable {
        public var stdout: String
        public var stderr: String
        public var exitCode: Int32
    }

    public static func execute(
        paths: [String], format: Format, tenantDirectories: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Outcome {
        var set: ManifestSet
        do {
            set = try ManifestLoader(tenantDirectories: tenantDirectories).load(paths: paths.isEmpty ? [ManifestLoader.defaultDirectory(environment: environment)] : paths)
        } catch {
            return Outcome(stdout: "", stderr: "error: \(error)", exitCode: 2)
        }
        set.warnAboutEphemeralPorts()
        let report = ValidationReport(set)
        return Outcome(stdout: format == .json ? report.json : report.text, stderr: "",
                       exitCode: report.exitCode)
    }

    public func run() async throws {
        let outcome = Self.execute(paths: paths, format: output, tenantDirectories: tenancy.enabled)
        if !outcome.stdout.isEmpty { print(outcome.stdout) }
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data((outcome.stderr + "\n").utf8)) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
