import BotpoolManifest

/// The working state of one `Planner.plan` call. Stages run in order: read the pools, decide
/// each bot's fate, place the homeless, decide each pool's fate, then guard and order.
struct PlanBuilder {
    let desired: DesiredState
    let observed: ObservedState
    let now: Timestamp
    let options: PlanOptions

    /// Position of each desired bot in `desired.bots`.
    var desiredIndex = BotIndex()
    var books: [PoolBook] = []
    /// Per class, pool indexes already taken by some pool (any tenant, any state).
    var usedIndexes: [String: Set<Int>] = [:]
    var nextIndex: [String: Int] = [:]
    /// Where each desired bot runs now, by its position in `desired.bots` (an array, not a map by
    /// id: at 100,000 bots hashing ids dominated the plan); the best copy when there are several.
    var locations: [Location?] = []
    var duplicates: [Location] = []
    var strays: [Location] = []
    /// The one pool replaced this pass because its template drifted.
    var driftReplacement: Int?
    var replacing: Set<Int> = []

    var drafts: [Draft] = []
    var warnings: [String] = []
    var pending: [PendingBot] = []
    var backOff: [BackOffWait] = []
    var restartHistory: [BotID: RestartHistory] = [:]
    /// Per bot, whether a disruptive change may go ahead this pass (asked once per bot).
    var disruptionVerdicts: [BotID: Bool] = [:]
    var disruptions: [DisruptionWait] = []
    var drains: [BotID: DrainRecord] = [:]

    init(desired: DesiredState, observed: ObservedState, now: Timestamp, options: PlanOptions) {
        self.desired = desired
        self.observed = observed
        self.now = now
        self.options = options
    }

    mutating func build() -> Plan {
        desiredIndex = BotIndex(desired.bots)
        locations = Array(repeating: nil, count: desired.bots.count)
        restartHistory = observed.restarts.filter { desiredIndex[$0.key] != nil }
        readPools()
        let homeless = settleBots()
        place(homeless)
        settlePools()
        for container in observed.malformedContainers.sorted(by: { $0.name < $1.name }) {
            warnings.append("container \(container.name) (\(container.id)) looks like a pool but \(container.problem); left alone")
        }
        return finish()
    }

    /// Where a desired bot runs now; nil for a bot not found in any pool or not desired.
    func location(of id: BotID) -> Location? {
        desiredIndex[id].flatMap { locations[$0] }
    }

    /// The program found at `location`.
    func program(at location: Location) -> ObservedBot {
        books[location.book].programs[location.program]
    }

    func group(of bot: DesiredBot) -> GroupKey? {
        guard let spec = desired.poolClasses[bot.spec.poolClass] else { return nil }
        return GroupKey(poolClass: bot.spec.poolClass, tenant: spec.tenancy == .dedicated ? bot.id.tenant : nil)
    }

    func group(of book: PoolBook) -> GroupKey {
        GroupKey(poolClass: book.target.poolClass, tenant: book.target.tenant)
    }

    mutating func append(
        _ kind: Action.Kind,
        book: Int,
        bot: BotID? = nil,
        slot: Int? = nil,
        reason: String,
        after: [Int] = [],
        deleteData: Bool? = nil,
        removesRunningBot: Bool = false
    ) {
        var subject = Action.Subject.pool
        if let bot, let slot {
            subject = .bot(Action.BotSlot(id: bot, slot: slot, port: books[book].basePort + slot))
        }
        let action = Action(kind: kind, pool: books[book].target, subject: subject, reason: reason, deleteData: deleteData)
        assert(action.isBotAction == (action.target != nil), "\(kind) planned without its bot and slot")
        drafts.append(Draft(action: action, book: book, after: after, removesRunningBot: removesRunningBot))
    }
}

/// A bot program found in a pool: its book and its position among the book's programs (not a
/// copy of it: at 100,000 bots copies made the table of locations 14 MB).
struct Location {
    var book: Int
    var program: Int
    /// Why the bot may not stay where it is; nil when it may.
    var misplaced: String?
}

/// An action before the plan is ordered; `after` holds draft positions.
struct Draft {
    var action: Action
    var book: Int
    var after: [Int]
    /// Counts against the mass-delete guard.
    var removesRunningBot: Bool
}
