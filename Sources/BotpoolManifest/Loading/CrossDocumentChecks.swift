/// The checks that need every document at once: duplicate names, overlapping port ranges,
/// bots naming missing classes or asking for more memory than their class allows.
/// A conflict is reported at the later document and freezes what it touches.
struct CrossDocumentChecks {
    let documents: [DecodedDocument]
    private(set) var result = ManifestSet()
    /// Declared classes that cannot be used this pass; their bots are frozen, not "unknown".
    private var brokenClasses: Set<String> = []

    init(documents: [DecodedDocument]) {
        self.documents = documents
    }

    mutating func run() {
        let classes = documents.compactMap { document -> DecodedPoolClass? in
            if case .poolClass(let poolClass) = document { return poolClass }
            return nil
        }
        let bots = documents.compactMap { document -> DecodedBot? in
            if case .bot(let bot) = document { return bot }
            return nil
        }
        result.declaredPoolClasses = classes.count
        result.declaredBots = bots.count
        let usable = checkClasses(classes)
        result.poolClasses = usable.values.sorted { $0.name < $1.name }
        checkBots(bots, classes: usable, declared: Set(classes.map(\.name)))
        result.bots.sort { $0.id < $1.id }
    }

    private mutating func checkClasses(_ classes: [DecodedPoolClass]) -> [String: PoolClass] {
        var first: [String: DecodedPoolClass] = [:]
        var candidates: [(PoolClass, DecodedPoolClass)] = []
        for decoded in classes {
            if let earlier = first[decoded.name] {
                error(decoded.nameLocation, "metadata.name",
                      "duplicate PoolClass \(quoted(decoded.name)); first declared at \(earlier.nameLocation)")
                brokenClasses.insert(decoded.name)
                continue
            }
            first[decoded.name] = decoded
            if let poolClass = decoded.poolClass { candidates.append((poolClass, decoded)) } else {
                brokenClasses.insert(decoded.name)
            }
        }
        for (index, (poolClass, decoded)) in candidates.enumerated() {
            for (other, otherDecoded) in candidates[..<index] where poolClass.spec.portRange.overlaps(other.spec.portRange) {
                error(decoded.basePortLocation ?? decoded.nameLocation, "spec.basePort",
                      "port range \(Self.describe(poolClass.spec.portRange)) overlaps PoolClass \(quoted(other.name)) "
                      + "(\(Self.describe(other.spec.portRange)), \(otherDecoded.nameLocation))")
                brokenClasses.insert(poolClass.name)
                brokenClasses.insert(other.name)
            }
        }
        var usable: [String: PoolClass] = [:]
        for (poolClass, _) in candidates where !brokenClasses.contains(poolClass.name) {
            usable[poolClass.name] = poolClass
        }
        return usable
    }

    private mutating func checkBots(_ bots: [DecodedBot], classes: [String: PoolClass], declared: Set<String>) {
        var first: [BotID: DecodedBot] = [:]
        var frozen: Set<BotID> = []
        for decoded in bots {
            let before = result.diagnostics.count
            if let earlier = first[decoded.id] {
                error(decoded.nameLocation, "metadata.name",
                      "duplicate Bot \(quoted(decoded.id.name)) in tenant \(quoted(decoded.id.tenant)); "
                      + "first declared at \(earlier.nameLocation)")
                frozen.insert(decoded.id)
            } else {
                first[decoded.id] = decoded
            }
            if !classIsUsable(decoded, classes: classes, declared: declared) || decoded.bot == nil {
                frozen.insert(decoded.id)
            }
            if frozen.contains(decoded.id), result.frozenReasons[decoded.id] == nil {
                result.frozenReasons[decoded.id] = decoded.errors.first ?? result.diagnostics[before...].first
                    ?? Diagnostic(.error, decoded.nameLocation, path: "spec.poolClass",
                                  "PoolClass \(quoted(decoded.poolClass ?? "")) is invalid")
            }
        }
        result.frozenBots = frozen
        result.bots = bots.compactMap { decoded in frozen.contains(decoded.id) ? nil : decoded.bot }
    }

    /// Reports an unknown class or a memory request over the class limit.
    private mutating func classIsUsable(_ decoded: DecodedBot, classes: [String: PoolClass], declared: Set<String>) -> Bool {
        guard let name = decoded.poolClass else { return false }
        guard let poolClass = classes[name] else {
            if !declared.contains(name), let location = decoded.poolClassLocation {
                error(location, "spec.poolClass", "unknown PoolClass \(quoted(name))"
                      + Suggestion.didYouMean(name, among: declared.sorted()))
            }
            return false
        }
        if let bot = decoded.bot, let memory = bot.spec.memory, let limit = poolClass.spec.memoryLimit, memory > limit {
            error(decoded.memoryLocation ?? decoded.nameLocation, "spec.resources.memory",
                  "memory request \(memory) exceeds the memoryLimit \(limit) of PoolClass \(quoted(name))")
            return false
        }
        return true
    }

    private mutating func error(_ location: SourceLocation, _ path: String, _ message: String) {
        result.diagnostics.append(Diagnostic(.error, location, path: path, message))
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        "\(range.lowerBound)-\(range.upperBound)"
    }
}
