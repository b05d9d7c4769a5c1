import BotpoolClients
import BotpoolController
import BotpoolTransport
import Foundation

/// One `adopt` invocation: read the selected containers, translate them, then print, write or
/// migrate, as the flags say.
struct AdoptRun {
    var command: AdoptCommand

    func outcome() async -> CommandOutcome {
        var outcome = CommandOutcome()
        let docker: DockerEngine.Client
        let found: [Result<AdoptedBot, AdoptRefusal>]
        do {
            let certificates = ProcessInfo.processInfo.environment["DOCKER_CERT_PATH"].map { TLSOptions(dockerCertPath: $0) }
            docker = try await DockerEngine.Client.connect(
                transport: try CurlTransport(endpoint: command.common.dockerHostURL, tls: certificates))
            found = try await read(docker)
        } catch {
            return .failure("error: \(error)", exitCode: 2)
        }
        let adopted = found.compactMap { try? $0.get() }
        for case .failure(let refusal) in found {
            outcome.warn("error: \(refusal)")
            outcome.exitCode = 1
        }
        guard !found.isEmpty else {
            return .failure("error: no container carries label \(command.selector.key)"
                            + (command.selector.value.map { "=\($0)" } ?? "")
                            + (command.name.map { " with \"\($0)\" in its name" } ?? ""))
        }
        guard !adopted.isEmpty else { return outcome }

        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-adopt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let files: [String]
        do {
            files = try AdoptFiles.stage(adopted, in: staging)
        } catch {
            outcome.warn("error: \(error)")
            outcome.exitCode = 2
            return outcome
        }
        let apply = ManifestApply(directory: command.common.manifestsPath, tenantDirectories: command.common.tenancy.enabled,
                                  paths: files)
        if case .failure(let refusal) = apply.prepare() {
            for line in refusal.lines { outcome.warn(line) }
            outcome.warn("error: the adopted manifests do not validate with \(command.common.manifestsPath); nothing was changed")
            outcome.exitCode = refusal.exitCode
            return outcome
        }

        switch (command.yes, command.migrate) {
        case (false, false):
            for bot in adopted { outcome.stdout += AdoptText.summary(bot, stateDir: command.common.stateDirPath) }
            for bot in adopted { outcome.stdout += "---\n" + AdoptManifest.yaml(bot) }
            outcome.say("dry run: nothing was written; --yes --output DIR writes the manifests, --migrate --yes moves the containers")
        case (false, true):
            for (index, bot) in adopted.enumerated() {
                outcome.stdout += AdoptText.steps(bot, number: index + 1, of: adopted.count, command: command)
            }
            outcome.say("dry run: nothing was changed; add --yes to migrate")
        case (true, false):
            do {
                for bot in adopted {
                    try AdoptFiles.writeSecrets(bot)
                    let target = (command.output ?? ".") + "/" + bot.manifestFile
                    try AtomicFile.makeDirectories(command.output ?? ".")
                    try AtomicFile.write(AdoptManifest.yaml(bot), to: target)
                    outcome.say("container \(bot.container): wrote \(target)"
                                + (bot.secrets.isEmpty ? "" : " and \(bot.secrets.count) secret file(s) below \(command.common.secretsDirPath)/\(bot.tenant)/\(bot.bot)/"))
                }
            } catch {
                outcome.warn("error: \(error)")
                outcome.exitCode = 2
            }
        case (true, true):
            let migration = AdoptMigration(docker: docker, command: command)
            for bot in adopted {
                let step = await migration.migrate(bot, staged: staging + "/" + bot.manifestFile)
                outcome.stdout += step.stdout
                outcome.stderr += step.stderr
                if step.exitCode != 0 {
                    outcome.exitCode = max(outcome.exitCode, step.exitCode)
                    outcome.warn("error: stopped before the remaining containers")
                    break
                }
            }
        }
        return outcome
    }

    /// The selected containers in name order, each translated or refused; two that would become
    /// the same bot or the same port: the second is refused.
    private func read(_ docker: DockerEngine.Client) async throws -> [Result<AdoptedBot, AdoptRefusal>] {
        let listed = try await docker.listContainers(labels: command.selector.labels)
            .filter { summary in command.name.map { summary.name.contains($0) } ?? true }
            .filter { $0.labels[PoolLabel.managedBy] == nil }
            .sorted { $0.name < $1.name }
        var results: [Result<AdoptedBot, AdoptRefusal>] = []
        var bots: Set<String> = []
        var ports: Set<Int> = []
        for summary in listed {
            guard case .found(let details) = try await docker.inspectContainer(summary.id) else { continue }
            var imageEnv: [String] = []
            if case .found(let image) = try await docker.inspectImage(details.image) { imageEnv = image.env }
            var result = command.translation.translate(details, imageEnv: imageEnv)
            if case .success(let bot) = result {
                if bots.contains(bot.bot) {
                    result = .failure(AdoptRefusal(container: bot.container, reason: "another container also becomes bot \(bot.bot)"))
                } else if ports.contains(bot.port) {
                    result = .failure(AdoptRefusal(container: bot.container, reason: "another container also publishes port \(bot.port)"))
                }
                bots.insert(bot.bot)
                ports.insert(bot.port)
            }
            results.append(result)
        }
        return results
    }
}
