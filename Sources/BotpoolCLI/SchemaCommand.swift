import ArgumentParser
import BotpoolManifest

/// `botpool schema`: print the JSON Schema of manifests, for editors (yaml-language-server).
public struct SchemaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of botpool/v1 PoolClass and Bot manifests.",
        discussion: """
            Rendered from the loader's field tables. The copy in \(ManifestSchema.path) is this output; \
            regenerate it with `\(ManifestSchema.regenerateCommand)`. Editors check types, names and \
            enums with it; `botpool validate` checks everything and stays the authority.
            """
    )

    public init() {}

    static func execute() -> CommandOutcome {
        CommandOutcome(stdout: ManifestSchema.text)
    }

    public func run() throws {
        try Self.execute().emit()
    }
}
