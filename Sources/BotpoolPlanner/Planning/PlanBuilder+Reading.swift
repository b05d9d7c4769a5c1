import BotpoolManifest

extension PlanBuilder {
    /// Builds a book per observed pool and finds every program: desired bots, frozen ones, strays.
    mutating func readPools() {
        // By index: sorting the pools themselves moved 10,000 whole structs at 100,000 bots.
        let pools = observed.pools
        books.reserveCapacity(pools.count)
        let templateHashes = desired.poolClasses.mapValues(\.templateHash)
        for position in pools.indices.sorted(by: { pools[$0].name < pools[$1].name }) {
            let pool = pools[position]
            usedIndexes[pool.poolClass, default: []].insert(pool.index)
            books.append(PoolBook(observed: pool, spec: desired.poolClasses[pool.poolClass],
                                  templateHash: templateHashes[pool.poolClass]))
            let book = books.count - 1
            // Frozen programs claim their slots first: they are the ones that cannot move. (Each
            // bot is looked up once, not once per comparison: at 100,000 bots hashing dominates;
            // positions are sorted, not copies of the programs.)
            let bots = pool.bots
            let frozen = bots.map { desired.frozenBots.contains($0.id) }
            let order = bots.indices.sorted { lhs, rhs in
                if frozen[lhs] != frozen[rhs] { return frozen[lhs] }
                return (bots[lhs].slot, bots[lhs].id) < (bots[rhs].slot, bots[rhs].id)
            }
            var tenant = pool.tenant ?? ""
            var names = desiredIndex.names(of: tenant)
            for program in order {
                let id = bots[program].id
                if id.tenant != tenant {
                    tenant = id.tenant
                    names = desiredIndex.names(of: tenant)
                }
                read(bots[program], at: program, wanted: names[id.name], frozen: frozen[program], in: book)
            }
            if pool.container != .running, !pool.bots.isEmpty, replaceable(book) { replacing.insert(book) }
        }
        chooseDriftReplacement()
    }

    /// - Parameter wanted: the program's bot's position in `desired.bots`; nil for a stray.
    private mutating func read(_ program: ObservedBot, at position: Int, wanted: Int?, frozen: Bool, in book: Int) {
        // By index, not a copy of the desired bot (its whole spec, retained field by field) per program.
        let tookSlot = books[book].take(program.slot, memory: wanted.map { desired.bots[$0].memoryBytes } ?? 0)
        if frozen {
            books[book].frozenBot = books[book].frozenBot ?? program.id
            return
        }
        guard let wanted else {
            strays.append(Location(book: book, program: position))
            return
        }
        let misplaced = tookSlot ? books[book].misplacement(of: desired.bots[wanted], slot: program.slot)
            : "slot \(program.slot) (port \(books[book].basePort + program.slot)) is taken by another program"
        let location = Location(book: book, program: position, misplaced: misplaced)
        guard let current = locations[wanted] else {
            locations[wanted] = location
            return
        }
        if isBetter(location, than: current) {
            duplicates.append(current)
            locations[wanted] = location
        } else {
            duplicates.append(location)
        }
    }

    /// Template drift is fixed one pool at a time, the first by name that holds bots and whose
    /// bots' disruption policies let it go (a pool waiting for open trades lets the next one go).
    private mutating func chooseDriftReplacement() {
        for book in books.indices where replaceable(book) && books[book].hasDrifted {
            guard books[book].container == .running, !books[book].isEmpty else { continue }
            guard everyBotMayGo(in: book) else { continue }
            driftReplacement = book
            replacing.insert(book)
            return
        }
    }

    /// Asks every bot of the pool (all of them: each waiting one starts its drain now), a bot
    /// whose manifest is gone by the policy the controller remembers for it.
    mutating func everyBotMayGo(in book: Int) -> Bool {
        let change = "pool \(books[book].target.name) replaced (template changed)"
        var mayGo = true
        for program in books[book].observed?.bots ?? [] {
            if let index = desiredIndex[program.id] {
                guard locations[index]?.book == book else { continue }
                if !mayDisrupt(desired.bots[index], program: program, book: book, change: change) { mayGo = false }
            } else if let policy = observed.policies[program.id], policy.policy != .always {
                if !mayDisrupt(program.id, policy: policy, program: program, book: book, change: change) { mayGo = false }
            }
        }
        return mayGo
    }

    func replaceable(_ book: Int) -> Bool {
        books[book].unfitReason == nil && books[book].frozenBot == nil && books[book].hold == nil
    }
}

extension PlanBuilder {
    /// Which copy of a bot found twice to keep: one that may stay, then the one an operator moved
    /// last, then a running one, then the first.
    func isBetter(_ location: Location, than other: Location) -> Bool {
        if (location.misplaced == nil) != (other.misplaced == nil) { return location.misplaced == nil }
        let bot = program(at: location), otherBot = program(at: other)
        if bot.movedAt != otherBot.movedAt { return (bot.movedAt ?? 0) > (otherBot.movedAt ?? 0) }
        return bot.process == .running && otherBot.process != .running
    }
}
