import BotpoolClients
import Foundation

/// Moves one container into a pool. The port cannot move while the old container holds it, so
/// the order is: secrets, stop the old container, copy its data, write the manifest (the running
/// controller makes the bot's one-slot pool on that port), wait for the health path to answer.
/// The gap is from the stop to the first answer; adopt prints it.
///
/// Re-running is safe: a container that is stopped and whose manifest is written is recognised
/// as moved (its bot is checked, nothing else is done); one stopped without a manifest (an
/// interrupted run) continues from the copy.
struct AdoptMigration {
    var docker: DockerEngine.Client
    var command: AdoptCommand

    func migrate(_ bot: AdoptedBot, staged: String) async -> CommandOutcome {
        var outcome = CommandOutcome()
        let manifest = command.common.manifestsPath + "/" + bot.manifestFile
        let written = FileManager.default.fileExists(atPath: manifest)
        do {
            if written {
                if bot.running {
                    return .failure("error: container \(bot.container) runs and \(manifest) exists: a rollback in progress? "
                                    + "stop the container or delete the manifest, then run adopt again")
                }
                outcome.say("container \(bot.container): already moved (stopped, \(manifest) written); checking the bot")
                return await answer(bot, since: ContinuousClock.now, into: outcome, what: "answers")
            }
            try AdoptFiles.writeSecrets(bot)
            let started = ContinuousClock.now
            if bot.running {
                _ = try await docker.stopContainer(bot.containerID, timeout: .seconds(command.stopTimeout))
                outcome.say("container \(bot.container): stopped in \(Self.seconds(ContinuousClock.now - started))")
            } else {
                outcome.say("container \(bot.container): already stopped (an interrupted run); continuing")
            }
            let skipped = try AdoptFiles.copyData(bot, stateDir: command.common.stateDirPath)
            if !skipped.isEmpty {
                outcome.warn("warning: container \(bot.container): not copied (not a file, directory or link): "
                             + skipped.prefix(10).joined(separator: ", ") + (skipped.count > 10 ? " and \(skipped.count - 10) more" : ""))
            }
            let apply = ManifestApply(directory: command.common.manifestsPath, tenantDirectories: command.common.tenancy.enabled,
                                      paths: [staged])
            switch apply.prepare() {
            case .failure(let refusal):
                outcome.warn(refusal.lines.joined(separator: "\n"))
                outcome.warn(Self.rollback(bot, manifest: nil))
                outcome.exitCode = refusal.exitCode
                return outcome
            case .success(let prepared):
                _ = try ManifestApply.write(prepared, directory: command.common.manifestsPath)
            }
            return await answer(bot, since: started, into: outcome, what: "moved; answers")
        } catch {
            outcome.warn("error: container \(bot.container): \(error)")
            outcome.warn(Self.rollback(bot, manifest: written ? nil : manifest))
            outcome.exitCode = 2
            return outcome
        }
    }

    /// Polls the bot's health path every 100 ms until it answers 200 or the timeout passes.
    private func answer(_ bot: AdoptedBot, since started: ContinuousClock.Instant, into outcome: CommandOutcome,
                        what: String) async -> CommandOutcome {
        var outcome = outcome
        let host = AdoptText.probeHost(bot)
        let deadline = ContinuousClock.now + .seconds(command.timeout)
        let probe = Probe()
        var last = ""
        while ContinuousClock.now < deadline {
            let result = await probe.http(address: host, port: bot.port, path: bot.healthPath, timeout: .seconds(1))
            if result.success {
                outcome.say("bot \(bot.tenant)/\(bot.bot): \(what) on \(host):\(bot.port) "
                            + "\(Self.seconds(ContinuousClock.now - started)) after the stop began")
                return outcome
            }
            last = result.description
            try? await Task.sleep(for: .milliseconds(100))
        }
        outcome.warn("error: bot \(bot.tenant)/\(bot.bot) did not answer on \(host):\(bot.port) within \(command.timeout)s (last: \(last))")
        outcome.warn(Self.rollback(bot, manifest: command.common.manifestsPath + "/" + bot.manifestFile))
        outcome.exitCode = 1
        return outcome
    }

    private static func rollback(_ bot: AdoptedBot, manifest: String?) -> String {
        var text = "to roll back: "
        if let manifest { text += "rm \(manifest); wait until its pool is gone (botpool get pools); " }
        return text + "docker start \(bot.container)"
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2fs", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
