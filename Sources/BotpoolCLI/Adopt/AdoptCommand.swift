import ArgumentParser
import BotpoolClients
import BotpoolController
import BotpoolTransport
import Foundation

/// `botpool adopt --from-containers LABEL=VALUE [--name TEXT] [--yes] [--migrate]`.
public struct AdoptCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Turn one-container-per-bot deployments into bot manifests, and move them into pools.",
        discussion: """
            Reads the containers that carry the label (and whose name contains --name), and translates \
            each into a PoolClass of one slot on the port the container publishes and a Bot running its \
            command in the --image pool image. Env values whose names contain KEY, SECRET, TOKEN or PASS \
            go to 0600 files below <secrets-dir>/<tenant>/<bot>/ and are referenced by fromFile. A \
            container adopt cannot translate faithfully is named with the reason and left alone.

            Without --yes nothing changes: adopt prints what it would write (with --migrate, the steps). \
            --yes writes the secret files and the manifests into --output. --migrate --yes moves the \
            containers one at a time, for a running `botpool run` on --manifests: stop the old container, \
            copy its mounted data into the bot's data dir, write the manifest, wait until the bot answers \
            its health path on the old port. The old container is stopped, not removed (roll back with \
            `docker start`). A container already moved is recognised and skipped.

            Exit status: 0 done, 1 a container was refused or a bot did not answer in time, 2 error.
            """
    )

    @Option(name: .customLong("from-containers"), help: ArgumentHelp(
        "Docker label selecting the containers: key=value or key.", valueName: "label"))
    var selector: AdoptSelector

    @Option(help: ArgumentHelp("Only containers whose name contains this text.", valueName: "text"))
    var name: String?

    @Option(help: "Tenant of the adopted bots.")
    var tenant = "default"

    @Option(help: ArgumentHelp(
        "Pool image the bots run in; a container of another image is adopted only if it is a FreqTrade image.",
        valueName: "image"))
    var image = "botpool/freqtrade:dev"

    @Option(help: ArgumentHelp("HTTP path each bot answers 200 on (its health check).", valueName: "path"))
    var healthPath = "/api/v1/ping"

    @Option(help: ArgumentHelp("Adopted classes are named PREFIX-PORT.", valueName: "prefix"))
    var classPrefix = "adopted"

    @Option(help: ArgumentHelp("With --yes and without --migrate: directory the manifests are written to.", valueName: "dir"))
    var output: String?

    @Flag(help: "Move each container into a pool, one at a time (needs a running `botpool run`).")
    var migrate = false

    @Flag(help: "Do it; without it adopt only prints what it would do.")
    var yes = false

    @Option(help: "Seconds Docker gives an old container to stop before killing it.")
    var stopTimeout = 10

    @Option(help: "Seconds to wait for each moved bot to answer on its old port.")
    var timeout = 120

    @OptionGroup var common: CommonOptions

    public init() {}

    public func validate() throws {
        if yes, !migrate, output == nil {
            throw ValidationError("--yes without --migrate writes the manifests to --output DIR: say where")
        }
        if migrate, output != nil { throw ValidationError("--migrate writes into --manifests; --output is for adopting without moving") }
        guard AdoptedName.isLabel(tenant) else { throw ValidationError("--tenant \"\(tenant)\" is not a DNS-1123 label") }
        guard healthPath.hasPrefix("/") else { throw ValidationError("--health-path must start with /") }
        guard stopTimeout >= 0, timeout >= 1 else { throw ValidationError("--stop-timeout must be 0 or more, --timeout 1 or more") }
    }

    public func run() async throws {
        try await AdoptRun(command: self).outcome().emit()
    }

    var translation: AdoptTranslation {
        AdoptTranslation(tenant: tenant, poolImage: image, classPrefix: classPrefix, healthPath: healthPath,
                         secretsDir: common.secretsDirPath)
    }
}

/// The name rule adopt checks flags against before anything reads Docker.
enum AdoptedName {
    static func isLabel(_ text: String) -> Bool {
        (1...63).contains(text.count) && text.first != "-" && text.last != "-"
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
