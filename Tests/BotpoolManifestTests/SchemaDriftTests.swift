import BotpoolManifest
import Foundation
import Testing

/// The schema editors read is the one the field tables render.
@Suite struct SchemaDriftTests {
    @Test func checkedInSchemaIsTheGeneratedOne() throws {
        let url = Fixtures.packageRoot.appendingPathComponent(ManifestSchema.path)
        let checkedIn = try String(contentsOf: url, encoding: .utf8)
        #expect(checkedIn == ManifestSchema.text,
                "\(ManifestSchema.path) differs from the field tables; regenerate it: \(ManifestSchema.regenerateCommand)")
    }

    @Test func schemaIsValidDraft7() throws {
        // check_schema runs before any document: an empty list only checks the schema.
        #expect(try SchemaValidator.problems([]).isEmpty)
        let parsed = try JSONSerialization.jsonObject(with: Data(ManifestSchema.text.utf8)) as? [String: Any]
        #expect(parsed?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }

    /// Every manifest names the schema on its first line, by a relative path that leads to it.
    @Test(arguments: SchemaExampleTests.files)
    func manifestNamesTheSchema(file: String) throws {
        let text = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent(file), encoding: .utf8)
        let prefix = "# yaml-language-server: $schema="
        let first = text.prefix { $0 != "\n" }
        #expect(first.hasPrefix(prefix), "\(file) must start with \(prefix)…")
        let target = Fixtures.packageRoot.appendingPathComponent(file).deletingLastPathComponent()
            .appendingPathComponent(String(first.dropFirst(prefix.count))).standardizedFileURL.path
        #expect(target == Fixtures.packageRoot.appendingPathComponent(ManifestSchema.path).standardizedFileURL.path, "\(file): \(first)")
    }
}
