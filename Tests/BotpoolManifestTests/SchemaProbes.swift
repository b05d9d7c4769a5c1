import BotpoolManifest
import Foundation
import Testing

/// Full valid documents of each kind (every field set) and variations of them that break one
/// row of a table, for `SchemaFieldTests`. Documents are JSON, which is YAML the loader reads.
enum SchemaProbes {
    struct Probe {
        var document: [String: Any]
        /// The loader must report an error at this path whose message contains `message`.
        var path: String
        var message: String
    }

    static var base: [String: [String: Any]] { [
        "Bot": [
            "apiVersion": "botpool/v1", "kind": "Bot",
            "metadata": ["name": "b", "tenant": "alice", "labels": ["app": "x"]],
            "spec": [
                "poolClass": "quick", "state": "running", "command": ["run"],
                "env": ["FREQTRADE__API_SERVER__PASSWORD": ["fromFile": "/secrets/p"], "A": "1"],
                "files": ["config.json": "{}"], "resources": ["memory": "300Mi"],
                "health": ["http": ["path": "/ping"], "periodSeconds": 10, "timeoutSeconds": 1,
                           "failureThreshold": 3, "initialDelaySeconds": 0],
                "restartPolicy": "Always", "deletionPolicy": "Retain",
                "freqtrade": ["api": ["username": "u", "periodSeconds": 10]],
                "disruption": ["policy": "WhenFlat", "drainTimeout": "1h"],
            ] as [String: Any],
        ],
        "PoolClass": [
            "apiVersion": "botpool/v1", "kind": "PoolClass",
            "metadata": ["name": "other", "labels": ["a": "b"]],
            "spec": [
                "image": "img", "basePort": 20000, "maxBots": 2, "maxPools": 2, "memoryLimit": "1Gi", "cpus": 1.5,
                "publish": "127.0.0.1", "tenancy": "shared", "warmPools": 0, "emptyPoolTTL": "15m",
                "runtime": ["fork": ["python": "/usr/bin/python3", "preload": ["json"]]], "nodePlacement": "pack",
            ] as [String: Any],
        ],
    ] }

    /// A map's value in a path: one env variable, one file, one label.
    static let mapKey = "SCHEMA_PROBE"

    static func text(_ document: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func wronglyTyped(_ kind: String) throws -> [Probe] {
        let walk = try TableWalk(#require(ManifestKind.all.first { $0.name == kind }))
        return walk.fields.map { field in
            var document = base[kind] ?? [:]
            if field.exclusive { document = setting(document, Array(field.path.dropLast()), [String: Any]()) }
            // A list of lists is of no type any row allows.
            document = setting(document, field.path, [[1]])
            return Probe(document: document, path: display(field.path), message: "expected")
        }
    }

    static func missingRequired(_ kind: String) throws -> [Probe] {
        let walk = try TableWalk(#require(ManifestKind.all.first { $0.name == kind }))
        return walk.fields.filter(\.spec.required).map { field in
            var document = base[kind] ?? [:]
            if field.path.count > 1, value(document, Array(field.path.dropLast())) == nil {
                document = setting(document, Array(field.path.dropLast()), [String: Any]())
            }
            document = setting(document, field.path, nil)
            return Probe(document: document, path: display(field.path), message: "missing required field \"\(field.spec.name)\"")
        }
    }

    static func unknownField(_ kind: String) throws -> [Probe] {
        let walk = try TableWalk(#require(ManifestKind.all.first { $0.name == kind }))
        return walk.objects.map { object in
            var document = base[kind] ?? [:]
            if object.exclusive { document = setting(document, Array(object.path.dropLast()), [String: Any]()) }
            if object.path.isEmpty {
                document["schemaProbe"] = 1
            } else {
                var map = value(document, object.path) as? [String: Any] ?? [:]
                map["schemaProbe"] = 1
                document = setting(document, object.path, map)
            }
            return Probe(document: document, path: display(object.path + ["schemaProbe"]), message: "unknown field \"schemaProbe\"")
        }
    }

    /// Both the loader and the schema reject every probe; the loader at the probe's path.
    static func expectBothReject(kind: String, _ probes: [Probe]) throws {
        #expect(!probes.isEmpty)
        let verdicts = try SchemaValidator.problems(probes.map(\.document))
        for (probe, problems) in zip(probes, verdicts) {
            let json = try text(probe.document)
            let errors = Fixtures.load(json).errors
            let found = errors.contains { $0.path.hasPrefix(probe.path) && $0.message.contains(probe.message) }
            #expect(found, "\(kind) \(probe.path): loader said \(errors.map(\.brief))")
            #expect(!problems.isEmpty, "\(kind) \(probe.path): the schema accepts \(json)")
        }
    }

    static func display(_ path: [String]) -> String {
        path.map { $0 == "*" ? mapKey : $0 }.joined(separator: ".")
    }

    static func value(_ document: [String: Any], _ path: [String]) -> Any? {
        guard let first = path.first else { return document }
        let key = first == "*" ? mapKey : first
        if path.count == 1 { return document[key] }
        return (document[key] as? [String: Any]).flatMap { value($0, Array(path.dropFirst())) }
    }

    /// `document` with the value at `path` replaced (nil removes it), making maps on the way.
    static func setting(_ document: [String: Any], _ path: [String], _ value: Any?) -> [String: Any] {
        guard let first = path.first else { return value as? [String: Any] ?? document }
        let key = first == "*" ? mapKey : first
        var document = document
        if path.count == 1 {
            document[key] = value
        } else {
            document[key] = setting(document[key] as? [String: Any] ?? [:], Array(path.dropFirst()), value)
        }
        return document
    }
}
