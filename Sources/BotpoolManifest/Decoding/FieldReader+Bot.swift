extension FieldReader {
    /// A `kind: Bot` document; nil when it does not even name a bot.
    mutating func bot(_ top: Fields) -> DecodedBot? {
        guard let metadata = metadata(top, ManifestKind.bot.metadata) else {
            if let spec = spec(top, ManifestKind.bot.spec) { _ = botSpec(spec) }  // still report its errors
            return nil
        }
        var decoded = DecodedBot(
            id: BotID(tenant: metadata.tenant, name: metadata.name),
            nameLocation: location(of: metadata.nameNode),
            tenantLocation: metadata.tenantNode.map(location(of:))
        )
        guard let spec = spec(top, ManifestKind.bot.spec) else { return decoded }
        decoded.poolClassLocation = spec["poolClass"].map(location(of:))
        decoded.memoryLocation = spec["resources"].flatMap { resources in
            guard case .mapping(let pairs) = resources.content else { return nil }
            return pairs.first { $0.key.scalarText == "memory" }.map { location(of: $0.value) }
        }
        let decodedSpec = botSpec(spec)
        decoded.poolClass = decodedSpec?.poolClass
        if let decodedSpec {
            decoded.bot = Bot(
                name: metadata.name, tenant: metadata.tenant, labels: metadata.labels,
                spec: decodedSpec, source: location(of: top.node)
            )
        }
        return decoded
    }

    /// The spec with defaults filled in; nil when a required field is missing or unusable.
    mutating func botSpec(_ spec: Fields) -> BotSpec? {
        var poolClass: String?
        if let node = spec["poolClass"] {
            poolClass = string(node, "spec.poolClass")
            if let name = poolClass, let problem = NameRules.dnsLabel(name) { error(node, "spec.poolClass", problem) }
        }
        let command = command(spec)
        var result = BotSpec(poolClass: poolClass ?? "", command: command ?? [])
        if let node = spec["state"] { result.state = choice(node, "spec.state", as: BotState.self) ?? .running }
        if let node = spec["env"] { result.env = env(node, "spec.env") }
        if let node = spec["files"] { result.files = files(node, "spec.files") }
        if let node = spec["resources"] { result.memory = memory(node, "spec.resources") }
        if let node = spec["health"] { result.health = health(node, "spec.health") }
        if let node = spec["restartPolicy"] {
            result.restartPolicy = choice(node, "spec.restartPolicy", as: RestartPolicy.self) ?? .always
        }
        if let node = spec["deletionPolicy"] {
            result.deletionPolicy = choice(node, "spec.deletionPolicy", as: DeletionPolicy.self) ?? .retain
        }
        if let node = spec["freqtrade"] { result.freqtrade = freqtrade(node, "spec.freqtrade", env: result.env) }
        if let node = spec["disruption"] {
            result.disruption = disruption(node, "spec.disruption", freqtrade: spec["freqtrade"] != nil) ?? Disruption()
        }
        guard poolClass != nil, command != nil else { return nil }
        return result
    }

    private mutating func command(_ spec: Fields) -> [String]? {
        guard let node = spec["command"], let items = stringList(node, "spec.command") else { return nil }
        if items.isEmpty {
            error(node, "spec.command", "must not be empty")
            return nil
        }
        var command: [String] = []
        for (index, item) in items.enumerated() {
            guard let value = item.value else { continue }
            if let problem = NameRules.lineSafe(value, what: "command argument") {
                error(item.node, "spec.command[\(index)]", problem)
            } else if index == 0, value.isEmpty {
                error(item.node, "spec.command[0]", "the program must not be empty")
            }
            command.append(value)
        }
        return command
    }

    private mutating func memory(_ node: YAMLNode, _ path: String) -> ByteCount? {
        guard let resources = fields(node, path, .resources), let memory = resources["memory"] else {
            return nil
        }
        return quantity(memory, resources.path("memory"))
    }

    /// A memory quantity such as `300Mi`.
    mutating func quantity(_ node: YAMLNode, _ path: String) -> ByteCount? {
        guard let text = scalarText(node, path, expected: "a quantity such as 300Mi") else { return nil }
        guard let value = ByteCount(parsing: text) else {
            error(node, path, "invalid quantity \(quoted(text)) (use e.g. 300Mi, 2Gi, 512M or a number of bytes)")
            return nil
        }
        return value
    }
}

extension YAMLNode {
    /// The text of a scalar node, nil for anything else.
    var scalarText: String? {
        if case .scalar(let scalar) = content { return scalar.text }
        return nil
    }
}
