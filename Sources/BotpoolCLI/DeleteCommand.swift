import ArgumentParser
import Foundation

/// `botpool delete -f PATH...` / `botpool delete bot [TENANT/]NAME [--tenant T]`.
public struct DeleteCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove bots or pool classes from the manifests directory.",
        discussion: """
            With -f, removes from the manifests directory every document whose kind, tenant and \
            name match a document of the given files; with `bot NAME`, that one bot. A file left \
            empty is deleted, any other is rewritten keeping the other documents byte for byte. \
            The controller stops the bots at its next pass.

            Exit status: 0 deleted, 1 not found or refused, 2 error.
            """
    )

    @Option(name: [.customShort("f"), .customLong("filename")], help: ArgumentHelp(
        "Manifest file or directory naming what to delete (repeatable).", valueName: "path"))
    var files: [String] = []

    @Argument(help: ArgumentHelp("bot NAME (with --tenant) or bot TENANT/NAME", valueName: "bot NAME"),
              completion: NameCompletion.deleteTarget)
    var target: [String] = []

    @Option(help: "The bot's tenant.", completion: NameCompletion.tenant(command: "delete"))
    var tenant = "default"

    @OptionGroup var common: CommonOptions

    public init() {}

    public func validate() throws {
        switch (files.isEmpty, target.count) {
        case (false, 0): return
        case (true, 2) where target[0] == "bot": return
        case (true, 0): throw ValidationError("say what to delete: -f PATH... or bot NAME")
        case (true, _): throw ValidationError(
            "by name only `bot NAME` can be deleted; for a pool class, pass its file with -f")
        default: throw ValidationError("use either -f PATH... or bot NAME, not both")
        }
    }

    public func run() async throws {
        try Self.execute(files: files, target: target, tenant: tenant, manifests: common.manifestsPath,
                         tenantDirectories: common.tenancy.enabled).emit()
    }

    static func execute(
        files: [String], target: [String], tenant: String, manifests: String, tenantDirectories: Bool = false
    ) -> CommandOutcome {
        let names: [ManifestIdentity]
        if files.isEmpty {
            guard let name = target.last else { return .failure("error: say what to delete: -f PATH... or bot NAME", exitCode: 2) }
            let id = BotArgument.id(name, tenant: tenant)
            names = [.bot(id.name, tenant: id.tenant)]
        } else {
            do {
                names = try ManifestDeletion.identities(in: files)
            } catch {
                return .failure("error: \(error)", exitCode: 2)
            }
            guard !names.isEmpty else { return .failure("error: no documents in \(files.joined(separator: " "))") }
        }
        return ManifestDeletion(directory: manifests, tenantDirectories: tenantDirectories).execute(removing: names)
    }
}
