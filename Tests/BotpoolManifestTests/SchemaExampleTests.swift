import BotpoolManifest
import Foundation
import Testing

/// Every document the loader accepts in the shipped manifests, the schema accepts too.
@Suite struct SchemaExampleTests {
    /// Every YAML file below examples/ and manifests/, relative to the package root.
    static let files: [String] = {
        let root = Fixtures.packageRoot
        return ["examples", "manifests"].flatMap { directory -> [String] in
            let base = root.appendingPathComponent(directory)
            let walker = FileManager.default.enumerator(atPath: base.path)
            let names = (walker?.allObjects as? [String]) ?? []
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { "\(directory)/\($0)" }
        }.sorted()
    }()

    @Test func thereAreExamples() {
        #expect(Self.files.count >= 10, "\(Self.files)")
    }

    @Test(arguments: files)
    func everyDocumentValidates(file: String) throws {
        let text = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent(file), encoding: .utf8)
        let documents = try ManifestJSON.documents(text)
        #expect(!documents.isEmpty)
        for (index, problems) in try SchemaValidator.problems(documents).enumerated() {
            #expect(problems.isEmpty, "\(file) document \(index + 1): \(problems)")
        }
    }
}
