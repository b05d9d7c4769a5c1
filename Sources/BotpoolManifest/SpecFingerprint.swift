/// What a running bot process was started from, as digests per component, so that a change can be
/// both detected (`hash`) and explained ("env FOO", "file config.json").
///
/// Components: `command`, `env.NAME` for each variable, `file.NAME` for each file, and
/// `deletionPolicy` when it is Delete. Placement-only fields (memory, health, restartPolicy) are
/// not part of it: changing them restarts nothing.
///
/// The deletion policy rides along because it must be read back from the running program once
/// the manifest is gone: a stale "Delete" would destroy data the operator asked to keep. The
/// price is that switching it restarts the bot once.
public struct SpecFingerprint: Hashable, Sendable {
    /// Component name to a 32-bit digest, kept short because it travels inside the program config.
    public var components: [String: UInt32]

    public init(components: [String: UInt32]) {
        self.components = components
    }

    /// - Parameter secretDigests: for `fromFile` env values, a digest of the file's contents keyed by
    ///   env name, so that a changed secret restarts the bot. The controller reads them; the
    ///   planner only passes them on.
    public init(spec: BotSpec, secretDigests: [String: UInt64] = [:]) {
        var components: [String: UInt32] = [:]
        components["command"] = Self.short(StableHash.of(spec.command.joined(separator: "\u{0}")))
        for variable in spec.env {
            let digest: UInt64
            switch variable.value {
            case .literal(let value):
                digest = StableHash.of("literal", value)
            case .fromFile(let path):
                digest = StableHash.of("fromFile", path, String(secretDigests[variable.name] ?? 0, radix: 16))
            }
            components["env.\(variable.name)"] = Self.short(digest)
        }
        for file in spec.files {
            components["file.\(file.name)"] = Self.short(StableHash.of(file.contents))
        }
        if spec.deletionPolicy == .delete {
            components[Self.deletionPolicyComponent] = Self.short(StableHash.of(DeletionPolicy.delete.rawValue))
        }
        self.components = components
    }

    static let deletionPolicyComponent = "deletionPolicy"

    /// The deletion policy the program was started with.
    public var deletionPolicy: DeletionPolicy {
        components[Self.deletionPolicyComponent] == nil ? .retain : .delete
    }

    /// 16 hex digits over all components; equal fingerprints have equal hashes.
    public var hash: String {
        var hasher = StableHash()
        for key in components.keys.sorted() {
            hasher.combine(key)
            hasher.combine(UInt64(components[key] ?? 0))
        }
        return StableHash.hex(hasher.value)
    }

    /// Human-readable names of what differs, sorted: `command`, `env FOO`, `file config.json`.
    public func changes(from old: SpecFingerprint) -> [String] {
        let keys = Set(components.keys).union(old.components.keys)
        return keys.filter { components[$0] != old.components[$0] }
            .sorted()
            .map { key in
                if key.hasPrefix("env.") { return "env " + key.dropFirst(4) }
                if key.hasPrefix("file.") { return "file " + key.dropFirst(5) }
                return key
            }
    }

    /// `<hash>:<key>=<8 hex>,…` — one line, only `[A-Za-z0-9_.:=,-]` plus the characters of
    /// env and file names (DNS/POSIX-safe by validation), so it can sit in a supervisord value.
    public var encoded: String {
        let parts = components.keys.sorted().map { key in
            let digits = String(components[key] ?? 0, radix: 16)
            return key + "=" + String(repeating: "0", count: 8 - digits.count) + digits
        }
        return hash + ":" + parts.joined(separator: ",")
    }

    /// Parses `encoded`; nil when the text is not a fingerprint or its hash does not match.
    public init?(encoded text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let expected = String(text[..<colon])
        var components: [String: UInt32] = [:]
        let body = text[text.index(after: colon)...]
        if !body.isEmpty {
            for part in body.split(separator: ",") {
                guard let eq = part.lastIndex(of: "="),
                      let digest = UInt32(part[part.index(after: eq)...], radix: 16)
                else { return nil }
                components[String(part[..<eq])] = digest
            }
        }
        self.components = components
        guard hash == expected else { return nil }
    }

    private static func short(_ value: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: value ^ (value >> 32))
    }
}
