import BotpoolManifest
import Testing

/// The loader's table-driven invalid cases: whatever the schema can express, it rejects too.
@Suite struct SchemaInvalidCaseTests {
    static let cases = InvalidBotSpecCases.all + InvalidDocumentCases.all + InvalidPoolClassCases.all

    /// The schema's complaints about the case's file, nil when it is not YAML at all.
    static func problems(_ invalid: InvalidCase) throws -> [String]? {
        guard let documents = try? ManifestJSON.documents(invalid.yaml) else { return nil }
        return try SchemaValidator.problems(documents).flatMap { $0 }
    }

    @Test(arguments: cases)
    func schemaAgrees(_ invalid: InvalidCase) throws {
        let problems = try Self.problems(invalid)
        if let reason = LoaderOnlyCases.reasons[invalid.name] {
            // Kept honest: once the schema can say it, the case leaves the list.
            #expect(problems?.isEmpty ?? true, "listed as loader-only (\(reason)) but the schema rejects it: \(problems ?? [])")
        } else {
            #expect(problems?.isEmpty == false, "the loader rejects it at \(invalid.path) (\(invalid.message)); the schema accepts it")
        }
    }

    @Test func everyLoaderOnlyCaseExists() {
        let names = Set(Self.cases.map(\.name))
        #expect(Set(LoaderOnlyCases.reasons.keys).subtracting(names).isEmpty)
        #expect(names.count == Self.cases.count, "case names must be unique")
    }
}
