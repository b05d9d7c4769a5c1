@testable import BotpoolCLI
import BotpoolManifest
import Testing

/// `botpool schema` prints the schema the field tables render, and nothing else.
@Suite struct SchemaCommandTests {
    @Test func printsTheGeneratedSchema() throws {
        let command = try BotpoolCommand.parseAsRoot(["schema"])
        #expect(command is SchemaCommand)
        let outcome = SchemaCommand.execute()
        #expect(outcome == CommandOutcome(stdout: ManifestSchema.text))
        #expect(outcome.stdout.hasPrefix("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\""))
    }
}
