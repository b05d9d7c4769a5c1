/// The text form of a plan: actions grouped by pool (pools by name, actions in plan order),
/// then the summary, pending bots, back-off waits, disruptions that wait and warnings.
struct TextPlan {
    let color: Bool
    let now: Timestamp?
    private(set) var output = ""

    init(color: Bool, now: Timestamp?) {
        self.color = color
        self.now = now
    }

    mutating func render(_ plan: Plan) {
        if let refused = plan.refused {
            line(paint("Refused: \(refused)", .red))
            line("These actions were NOT applied:")
        }
        let actions = plan.refused == nil ? plan.actions : plan.refusedActions
        if actions.isEmpty, !plan.disruptions.isEmpty {
            let count = plan.disruptions.count
            line("No action this pass; \(count) change\(count == 1 ? "" : "s") wait\(count == 1 ? "s" : "") for \(count == 1 ? "its bot" : "their bots"):")
        } else if actions.isEmpty {
            line("No changes. Pools and bots match the manifests.")
        } else {
            renderGroups(actions)
            line("")
            line(paint(PlanRenderer.summaryLine(plan.summary), .bold))
        }
        for pending in plan.pending { line("Pending: \(pending.bot): \(pending.reason)") }
        for wait in plan.backOff { line("CrashLoopBackOff: \(wait.bot): \(wait.reason), \(retry(wait.nextRetryAt))") }
        for wait in plan.disruptions { line("\(wait.condition.rawValue): \(wait.bot): \(wait.reason)") }
        for warning in plan.warnings { line(paint("Warning: \(warning)", .yellow)) }
    }

    private mutating func renderGroups(_ actions: [Action]) {
        var byPool: [String: [Action]] = [:]
        for action in actions { byPool[action.pool.name, default: []].append(action) }
        for name in byPool.keys.sorted() {
            guard let group = byPool[name], let pool = group.first?.pool else { continue }
            let owner = pool.tenant.map { "tenant \($0)" } ?? "shared"
            line(paint("# pool \(name) (class \(pool.poolClass), \(owner), index \(pool.index))", .bold))
            for action in group { line(describe(action)) }
        }
    }

    private func describe(_ action: Action) -> String {
        let (marker, tint) = Self.marker(action.kind)
        let place = action.slot.map { slot in " slot \(slot)" + (action.port.map { " (port \($0))" } ?? "") } ?? ""
        let subject = action.bot.map { "\(Self.verb(action.kind)) \($0)\(place)" } ?? "\(Self.verb(action.kind)) pool"
        let padded = marker.count < 3 ? String(repeating: " ", count: 3 - marker.count) + marker : marker
        return "  " + paint(padded + " " + subject, tint) + ": " + action.reason
    }

    private static func marker(_ kind: Action.Kind) -> (String, Tint) {
        switch kind {
        case .createPool, .placeBot: ("+", .green)
        case .removePool, .removeBot: ("-", .red)
        case .replacePool: ("-/+", .magenta)
        case .updateBot, .startBot, .stopBot, .restartBot, .drainBot, .resumeBot: ("~", .yellow)
        }
    }

    private static func verb(_ kind: Action.Kind) -> String {
        switch kind {
        case .createPool: "create"
        case .removePool, .removeBot: "remove"
        case .replacePool: "replace"
        case .placeBot: "place"
        case .updateBot: "update"
        case .startBot: "start"
        case .stopBot: "stop"
        case .restartBot: "restart"
        case .drainBot: "drain"
        case .resumeBot: "resume"
        }
    }

    private func retry(_ at: Timestamp) -> String {
        guard let now else { return "next retry at \(Int(at))" }
        return "next retry in \(DurationText.of(max(0, at - now)))"
    }

    enum Tint: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case magenta = "35"
        case bold = "1"
    }

    private func paint(_ text: String, _ tint: Tint) -> String {
        color ? "\u{1B}[\(tint.rawValue)m\(text)\u{1B}[0m" : text
    }

    private mutating func line(_ text: String) {
        output += text + "\n"
    }
}
