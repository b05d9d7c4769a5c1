import BotpoolPlanner
import Crypto
import Foundation

/// A plan saved for review (`botpool diff --out plan.json`), like terraform's saved plan: the
/// plan as `diff -o json` shows it, the inputs it was made from and a token over them.
/// `botpool apply-plan` runs it only if a pass made now has the same token and the same actions;
/// it never runs actions read from the file, so editing the file cannot add any.
public struct SavedPlan: Sendable {
    public static let format = "botpool.plan/v1"
    /// Plans are a few KB per action; a file past this is not one of ours.
    public static let maxFileBytes = 64 << 20

    public var createdAt: Double
    public var manifests: String
    public var allowMassDelete: Bool
    public var inputs: PlanInputs
    public var actions: [Action]
    public var refused: String?

    public init(plan: Plan, inputs: PlanInputs, manifests: String, allowMassDelete: Bool,
                createdAt: Double = Date().timeIntervalSince1970) {
        self.createdAt = createdAt
        self.manifests = manifests
        self.allowMassDelete = allowMassDelete
        self.inputs = inputs
        actions = plan.actions
        refused = plan.refused
    }

    /// `sha256:` and the hex SHA-256 of the inputs, one `key\tvalue\n` line each, sorted by key.
    public static func token(_ inputs: PlanInputs) -> String {
        var text = ""
        for key in inputs.entries.keys.sorted() {
            text += key + "\t" + (inputs.entries[key] ?? "") + "\n"
        }
        return "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public var token: String { Self.token(inputs) }
}

extension SavedPlan {
    /// The file: one JSON object, keys sorted. `plan` is the full plan for the reviewer (as
    /// `diff -o json` prints it); `inputs` are what it was made from.
    struct Header: Codable {
        var format: String
        var token: String
        var createdAt: Double
        var manifests: String
        var allowMassDelete: Bool
        var inputs: [String: String]
    }

    struct Written: Encodable {
        var header: Header
        var plan: Plan

        func encode(to encoder: any Encoder) throws {
            try header.encode(to: encoder)
            var container = encoder.container(keyedBy: PlanKey.self)
            try container.encode(plan, forKey: .plan)
        }
    }

    struct Read: Decodable {
        var header: Header
        var actions: [Action]
        var refused: String?

        struct Body: Decodable {
            var actions: [Action]
            var refused: String?
        }

        init(from decoder: any Decoder) throws {
            header = try Header(from: decoder)
            let body = try decoder.container(keyedBy: PlanKey.self).decode(Body.self, forKey: .plan)
            actions = body.actions
            refused = body.refused
        }
    }

    enum PlanKey: String, CodingKey { case plan }

    /// The file's bytes for `plan`, which must be the plan these inputs made.
    public static func encode(_ plan: Plan, inputs: PlanInputs, manifests: String, allowMassDelete: Bool,
                              createdAt: Double = Date().timeIntervalSince1970) throws -> Data {
        let header = Header(format: format, token: token(inputs), createdAt: createdAt, manifests: manifests,
                            allowMassDelete: allowMassDelete, inputs: inputs.entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Written(header: header, plan: plan)) + Data("\n".utf8)
    }

    /// Reads a saved plan; refuses another format, a token that does not match its inputs (an
    /// edited file) and anything past `maxFileBytes`.
    public static func read(_ path: String) throws(SavedPlanError) -> SavedPlan {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path, "cannot open it") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxFileBytes + 1) ?? Data()
        } catch {
            throw .unreadable(path, error.localizedDescription)
        }
        guard data.count <= maxFileBytes else { throw .unreadable(path, "larger than \(maxFileBytes >> 20) MiB") }
        let read: Read
        do {
            read = try JSONDecoder().decode(Read.self, from: data)
        } catch {
            throw .unreadable(path, "not a saved plan: \(error)")
        }
        guard read.header.format == format else {
            throw .unreadable(path, "format \(read.header.format), this botpool reads \(format)")
        }
        let inputs = PlanInputs(entries: read.header.inputs)
        guard token(inputs) == read.header.token else {
            throw .unreadable(path, "its token does not match its inputs: the file was edited")
        }
        var saved = SavedPlan(plan: Plan(actions: read.actions), inputs: inputs, manifests: read.header.manifests,
                              allowMassDelete: read.header.allowMassDelete, createdAt: read.header.createdAt)
        saved.refused = read.refused
        return saved
    }
}
