import BotpoolManifest
import Foundation

/// Debian's python3-jsonschema (installed by scripts/setup), a real draft-07 validator, run once
/// over many documents. Missing, it throws: these tests fail, they never skip.
enum SchemaValidator {
    static let python = "/usr/bin/python3"

    static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit("python3-jsonschema is missing: run scripts/setup (apt-get install python3-jsonschema)")
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for document in json.load(open(sys.argv[2])):
            errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
            print(json.dumps([".".join(map(str, e.absolute_path)) + ": " + e.message for e in errors]))
        """

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The schema's complaints about each document, in order; an empty list is valid.
    static func problems(_ documents: [Any], schema: String = ManifestSchema.text) throws -> [[String]] {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "\(python) is missing: run scripts/setup (it installs python3-jsonschema)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaFile = directory.appendingPathComponent("schema.json")
        let documentsFile = directory.appendingPathComponent("documents.json")
        try Data(schema.utf8).write(to: schemaFile)
        try JSONSerialization.data(withJSONObject: documents).write(to: documentsFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, schemaFile.path, documentsFile.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "jsonschema failed (\(process.terminationStatus)): \(String(decoding: stderr, as: UTF8.self))")
        }
        let lines = String(decoding: stdout, as: UTF8.self).split(separator: "\n")
        guard lines.count == documents.count else {
            throw Failure(description: "jsonschema answered \(lines.count) lines for \(documents.count) documents")
        }
        return try lines.map { line in
            guard let list = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] else {
                throw Failure(description: "unexpected line from jsonschema: \(line)")
            }
            return list
        }
    }
}
