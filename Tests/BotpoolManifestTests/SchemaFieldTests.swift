@testable import BotpoolManifest
import Foundation
import Testing

/// The loader and the schema know the same fields: both read the tables, and this checks that
/// the loader really reads every row and that no decoded field lacks one.
@Suite struct SchemaFieldTests {
    static let kinds = [ManifestKind.bot, ManifestKind.poolClass]

    @Test(arguments: kinds.map(\.name))
    func schemaHasExactlyTheTablesFields(kind: String) throws {
        let kind = try #require(ManifestKind.all.first { $0.name == kind })
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ManifestSchema.text.utf8)) as? [String: Any])
        let inSchema = SchemaWalk.paths(schema, kind: kind.name)
        let inTables = TableWalk(kind).paths
        #expect(inSchema.subtracting(inTables).isEmpty, "only in the schema: \(inSchema.subtracting(inTables).sorted())")
        #expect(inTables.subtracting(inSchema).isEmpty, "only in the tables: \(inTables.subtracting(inSchema).sorted())")
    }

    /// A model property added without a table row (or a row the model lost) fails here.
    @Test func everyDecodedFieldHasARow() {
        let models: [(Any, ObjectTable, [String: String])] = [
            (BotSpec(poolClass: "q", command: ["x"]), .botSpec, ["memory": "resources"]),
            (PoolClassSpec(image: "i", basePort: 1), .poolClassSpec, ["emptyPoolTTLSeconds": "emptyPoolTTL"]),
            (HealthCheck(httpPath: "/"), .health, ["httpPath": "http"]),
            (FreqtradeAPI(username: "u"), .freqtradeAPI, [:]),
            (Disruption(), .disruption, ["drainTimeoutSeconds": "drainTimeout"]),
        ]
        for (model, table, renamed) in models {
            let properties = Mirror(reflecting: model).children.compactMap(\.label).map { renamed[$0] ?? $0 }
            #expect(Set(properties) == Set(table.names), "\(type(of: model)): \(properties) vs \(table.names)")
        }
    }

    @Test(arguments: kinds.map(\.name))
    func baseDocumentsAreValidForBoth(kind: String) throws {
        let document = SchemaProbes.base[kind] ?? [:]
        #expect(Fixtures.load(try SchemaProbes.text(document)).errors.map(\.description) == [])
        #expect(try SchemaValidator.problems([document]) == [[]])
    }

    /// Every row is read: a value of no type a row allows is an error at that row's path.
    @Test(arguments: kinds.map(\.name))
    func aWronglyTypedValueIsRejectedByBoth(kind: String) throws {
        try SchemaProbes.expectBothReject(kind: kind, SchemaProbes.wronglyTyped(kind))
    }

    @Test(arguments: kinds.map(\.name))
    func aMissingRequiredFieldIsRejectedByBoth(kind: String) throws {
        try SchemaProbes.expectBothReject(kind: kind, SchemaProbes.missingRequired(kind))
    }

    @Test(arguments: kinds.map(\.name))
    func anUnknownFieldIsRejectedByBoth(kind: String) throws {
        try SchemaProbes.expectBothReject(kind: kind, SchemaProbes.unknownField(kind))
    }
}
