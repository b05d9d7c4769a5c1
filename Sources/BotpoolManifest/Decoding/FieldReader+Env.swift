extension FieldReader {
    /// `env: {NAME: "value" | {fromFile: /abs/path}}`, in manifest order.
    mutating func env(_ node: YAMLNode, _ path: String) -> [EnvVar] {
        var result: [EnvVar] = []
        for entry in entries(node, path) ?? [] {
            let entryPath = Self.join(path, entry.name)
            if let problem = NameRules.lineSafe(entry.name, what: "env name") ?? NameRules.envName(entry.name) {
                error(entry.key, entryPath, problem)
            }
            if let value = envValue(entry.value, entryPath) {
                result.append(EnvVar(name: entry.name, value: value))
            }
        }
        return result
    }

    private mutating func envValue(_ node: YAMLNode, _ path: String) -> EnvValue? {
        switch node.content {
        case .scalar(let scalar) where scalar.kind == .string:
            if let problem = NameRules.lineSafe(scalar.text, what: "env value") ?? NameRules.expansions(scalar.text) {
                error(node, path, problem)
            }
            return .literal(scalar.text)
        case .mapping:
            guard let source = fields(node, path, .envSource), let fileNode = source["fromFile"] else { return nil }
            let filePath = Self.join(path, "fromFile")
            guard let file = string(fileNode, filePath) else { return nil }
            if let problem = NameRules.lineSafe(file, what: "fromFile path") {
                error(fileNode, filePath, problem)
            } else if !file.hasPrefix("/") {
                error(fileNode, filePath, "fromFile path \(quoted(file)) must be absolute")
            }
            return .fromFile(path: file)
        default:
            typeMismatch(node, path, expected: "a string or {fromFile: PATH}")
            return nil
        }
    }

    /// `files: {name: contents}`, in manifest order.
    mutating func files(_ node: YAMLNode, _ path: String) -> [BotFile] {
        var result: [BotFile] = []
        for entry in entries(node, path) ?? [] {
            let entryPath = Self.join(path, entry.name)
            if let problem = NameRules.fileName(entry.name) { error(entry.key, entryPath, problem) }
            if let contents = string(entry.value, entryPath) {
                result.append(BotFile(name: entry.name, contents: contents))
            }
        }
        return result
    }
}
