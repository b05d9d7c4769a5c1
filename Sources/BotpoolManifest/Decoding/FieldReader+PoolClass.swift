extension FieldReader {
    /// A `kind: PoolClass` document; nil when it does not even have a name.
    mutating func poolClass(_ top: Fields) -> DecodedPoolClass? {
        let metadata = metadata(top, ManifestKind.poolClass.metadata)
        let spec = spec(top, ManifestKind.poolClass.spec)
        let decodedSpec = spec.flatMap { poolClassSpec($0) }
        guard let metadata else { return nil }
        var decoded = DecodedPoolClass(name: metadata.name, nameLocation: location(of: metadata.nameNode))
        decoded.basePortLocation = spec?["basePort"].map(location(of:))
        if let decodedSpec {
            decoded.poolClass = PoolClass(name: metadata.name, spec: decodedSpec, source: location(of: top.node))
        }
        return decoded
    }

    private mutating func poolClassSpec(_ spec: Fields) -> PoolClassSpec? {
        let image = image(spec)
        let basePort = int(spec, "basePort")
        var result = PoolClassSpec(image: image ?? "", basePort: basePort ?? 1)
        if spec["maxBots"] != nil { result.maxBots = int(spec, "maxBots") ?? 1 }
        if spec["maxPools"] != nil { result.maxPools = int(spec, "maxPools") ?? 1 }
        if spec["warmPools"] != nil { result.warmPools = int(spec, "warmPools") ?? 0 }
        if let node = spec["memoryLimit"] {
            result.memoryLimit = quantity(node, "spec.memoryLimit")
            if result.memoryLimit?.bytes == 0 { error(node, "spec.memoryLimit", "must be greater than 0") }
        }
        if let node = spec["cpus"] { result.cpus = positiveNumber(node, "spec.cpus") }
        if let node = spec["publish"], let publish = string(node, "spec.publish") {
            if let problem = NameRules.hostIP(publish) { error(node, "spec.publish", problem) }
            result.publish = publish
        }
        if let node = spec["tenancy"] { result.tenancy = choice(node, "spec.tenancy", as: Tenancy.self) ?? .dedicated }
        if let node = spec["emptyPoolTTL"] { result.emptyPoolTTLSeconds = duration(node, "spec.emptyPoolTTL") ?? 0 }
        if let node = spec["runtime"] { result.runtime = runtime(node, "spec.runtime") ?? .exec }
        if let node = spec["nodePlacement"] {
            result.nodePlacement = choice(node, "spec.nodePlacement", as: NodePlacement.self) ?? .pack
        }
        if let basePort, let node = spec["basePort"] { checkPortRange(result, basePort: basePort, node) }
        if result.warmPools > result.maxPools, let node = spec["warmPools"] {
            warning(node, "spec.warmPools", "warmPools \(result.warmPools) exceeds maxPools \(result.maxPools)")
        }
        guard image != nil, basePort != nil else { return nil }
        return result
    }

    private mutating func image(_ spec: Fields) -> String? {
        guard let node = spec["image"], let image = string(node, "spec.image") else { return nil }
        if image.isEmpty || image.contains(where: \.isWhitespace) || image.contains("\0") {
            error(node, "spec.image", "image \(quoted(image)) must be a non-empty image reference without whitespace")
        }
        return image
    }

    private mutating func checkPortRange(_ spec: PoolClassSpec, basePort: Int, _ node: YAMLNode) {
        let (ports, overflow) = spec.maxPools.multipliedReportingOverflow(by: spec.maxBots)
        if overflow || ports > 65535 || basePort + ports - 1 > 65535 {
            let last = overflow ? "beyond" : "\(basePort + ports - 1)"
            error(node, "spec.basePort", "port range \(basePort)-\(last) (basePort + maxPools*maxBots - 1) runs past 65535")
        }
    }

    /// A duration such as `15m`, in seconds.
    mutating func duration(_ node: YAMLNode, _ path: String) -> Int? {
        guard let text = scalarText(node, path, expected: "a duration such as 15m") else { return nil }
        guard let seconds = DurationText.seconds(parsing: text) else {
            error(node, path, "invalid duration \(quoted(text)) (use e.g. 15m, 90s, 1h30m or 0)")
            return nil
        }
        return seconds
    }

    /// `runtime: {exec: {}}` or `runtime: {fork: {python: /abs/python3, preload: [module, …]}}`;
    /// `preload: auto`, or `auto` in the list, makes the zygote learn (PoolRuntime.fork).
    private mutating func runtime(_ node: YAMLNode, _ path: String) -> PoolRuntime? {
        guard let runtime = fields(node, path, .runtime) else { return nil }
        guard runtime.entries.count == 1 else {
            if case .mapping(let pairs) = node.content, pairs.count == runtime.entries.count {
                error(node, path, "must have exactly one of \"exec\" or \"fork\"")
            }
            return nil
        }
        if let exec = runtime["exec"] {
            if exec.scalarText.map({ $0.isEmpty }) != true { _ = fields(exec, runtime.path("exec"), ObjectTable([])) }
            return .exec
        }
        guard let forkNode = runtime["fork"], let fork = fields(forkNode, runtime.path("fork"), .fork)
        else { return nil }
        var preload: [String] = []
        var learns = false
        if let node = fork["preload"] {
            if node.scalarText == PoolRuntime.learnWord {
                learns = true
            } else if node.scalarText != nil {
                error(node, fork.path("preload"), "must be \(PoolRuntime.learnWord) or a list of module names")
            }
            for (index, item) in (node.scalarText == nil ? stringList(node, fork.path("preload")) ?? [] : []).enumerated() {
                guard let module = item.value else { continue }
                if module == PoolRuntime.learnWord {
                    learns = true
                    continue
                }
                if let problem = NameRules.moduleName(module) { error(item.node, fork.path("preload") + "[\(index)]", problem) }
                preload.append(module)
            }
        }
        guard let pythonNode = fork["python"], let python = string(pythonNode, fork.path("python")) else { return nil }
        if !python.hasPrefix("/") || NameRules.lineSafe(python, what: "python") != nil {
            error(pythonNode, fork.path("python"), "python \(quoted(python)) must be an absolute path")
        }
        return .fork(python: python, preload: preload, learns: learns)
    }
}
