import BotpoolManifest
import Testing

/// One invalid manifest (`m.yaml`, loaded after a valid `quick` class) and the diagnostic it
/// must produce: exact position and field path, and the message or a stable part of it.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var line: Int
    var column: Int
    var path: String
    var message: String
    /// Errors the whole set must have; most cases have exactly this one.
    var errors = 1

    init(_ name: String, _ yaml: String, _ line: Int, _ column: Int, _ path: String, _ message: String, errors: Int = 1) {
        self.name = name
        self.yaml = yaml
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.errors = errors
    }

    var testDescription: String { name }

    func check() {
        let set = Fixtures.load(yaml)
        let errors = set.errors
        #expect(errors.count == self.errors, "\(errors.map(\.description))")
        let found = errors.contains { error in
            error.location.file == "m.yaml" && error.location.line == line && error.location.column == column
                && error.path == path && error.message.contains(message)
        }
        #expect(found, "want m.yaml:\(line):\(column) \(path): \(message)\ngot \(errors.map(\.description))")
        #expect(set.bots.isEmpty)
        #expect(!set.isValid)
    }
}

@Suite struct InvalidManifestTests {
    @Test(arguments: InvalidBotSpecCases.all) func botSpec(_ invalid: InvalidCase) { invalid.check() }
    @Test(arguments: InvalidDocumentCases.all) func document(_ invalid: InvalidCase) { invalid.check() }
    @Test(arguments: InvalidPoolClassCases.all) func poolClass(_ invalid: InvalidCase) { invalid.check() }

    @Test func thereAreAtLeastFortyCases() {
        #expect(InvalidBotSpecCases.all.count + InvalidDocumentCases.all.count + InvalidPoolClassCases.all.count >= 40)
    }
}
