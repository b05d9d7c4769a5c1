import ArgumentParser
import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import Logging

/// `botpool apply -f PATH... [--dry-run] [--wait]`.
public struct ApplyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Validate manifests and write them into the manifests directory.",
        discussion: """
            The files are validated together with what the manifests directory already holds (a \
            bot name used twice, a class that only the directory declares). On any error nothing is \
            written and every problem is printed. Each file is written under its own base name, \
            atomically; the running controller picks it up at once.

            Exit status: 0 applied (and ready, with --wait), 1 refused or not ready in time, 2 error.
            """
    )

    @Option(name: [.customShort("f"), .customLong("filename")], help: ArgumentHelp(
        "Manifest file or directory to apply (repeatable).", valueName: "path"))
    var files: [String] = []

    @Flag(help: "Write nothing; show what the next pass would do with these files applied.")
    var dryRun = false

    @Flag(help: "After writing, wait until every applied bot is Running (or Stopped, if it asks to be).")
    var wait = false

    @Option(help: "Seconds --wait waits before giving up.")
    var timeout = 120

    @OptionGroup var common: CommonOptions
    @OptionGroup var server: ServerOptions

    public init() {}

    public func validate() throws {
        guard !files.isEmpty else { throw ValidationError("say what to apply: -f PATH...") }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
        if dryRun, wait { throw ValidationError("--dry-run writes nothing, so there is nothing to --wait for") }
    }

    public func run() async throws {
        let prepared: ManifestApply.Prepared
        switch ManifestApply(directory: common.manifestsPath, tenantDirectories: common.tenancy.enabled, paths: files).prepare() {
        case .failure(let refusal):
            try CommandOutcome.failure(refusal.lines.joined(separator: "\n"), exitCode: refusal.exitCode).emit()
            return
        case .success(let ready):
            prepared = ready
        }
        if dryRun {
            try await Self.dryRun(prepared, common: common).emit()
            return
        }
        var outcome = Self.execute(prepared, directory: common.manifestsPath)
        if wait, outcome.exitCode == 0 {
            try outcome.emit()
            outcome = try await waitForBots(prepared.bots)
        }
        try outcome.emit()
    }

    /// Writes the prepared files and says what changed.
    static func execute(_ prepared: ManifestApply.Prepared, directory: String) -> CommandOutcome {
        var outcome = CommandOutcome()
        for warning in prepared.warnings { outcome.warn(warning) }
        do {
            _ = try ManifestApply.write(prepared, directory: directory)
        } catch {
            outcome.warn("error: \(error)")
            outcome.exitCode = 2
            return outcome
        }
        for line in prepared.changes { outcome.say(line) }
        return outcome
    }

    /// The change lines, then the plan a pass would make with the files applied.
    static func dryRun(_ prepared: ManifestApply.Prepared, common: CommonOptions) async -> CommandOutcome {
        var outcome = CommandOutcome()
        for warning in prepared.warnings { outcome.warn(warning) }
        for line in prepared.changes { outcome.say(line + " (dry run)") }
        var logger = Logger(label: "botpool.apply")
        logger.logLevel = .critical
        let manifests = prepared.manifests
        do {
            let live = try await LiveController.connect(
                common, reconcile: Reconciler.Options(dryRun: true), logger: logger, manifests: { manifests })
            let plan = try await live.reconciler.pass(reason: "apply --dry-run").plan
            outcome.say("")
            outcome.stdout += PlanRenderer.text(plan, color: false, now: Date().timeIntervalSince1970)
        } catch {
            outcome.warn("error: cannot plan against the live state: \(error)")
            outcome.exitCode = 2
        }
        return outcome
    }

    private func waitForBots(_ bots: [Bot]) async throws -> CommandOutcome {
        guard !bots.isEmpty else { return CommandOutcome() }
        let reader = try StatusReader(common: common, server: server)
        let waiter = ApplyWait(bots: bots, timeout: .seconds(timeout), read: { try await reader.snapshot() },
                               progress: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        let notReady = await waiter.run()
        guard notReady.isEmpty else {
            return .failure("error: timed out after \(timeout)s; not ready: \(notReady.joined(separator: ", "))")
        }
        return CommandOutcome(stdout: "all \(bots.count) bot\(bots.count == 1 ? "" : "s") ready\n")
    }
}
