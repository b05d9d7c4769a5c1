import BotpoolManifest

extension PlanBuilder {
    /// New bots go to the fullest pool of their class and tenant with a free slot and enough
    /// memory; a new pool (lowest free index of the class) only when none has room.
    mutating func place(_ homeless: [Homeless]) {
        var queues: [GroupKey: PlacementQueue] = [:]
        var booksByGroup: [GroupKey: [Int]] = [:]
        if !homeless.isEmpty {
            for index in books.indices where acceptsBots(index) {
                booksByGroup[group(of: books[index]), default: []].append(index)
            }
        }
        for entry in homeless {
            guard let key = group(of: entry.bot), let spec = desired.poolClasses[key.poolClass] else {
                unplaced(entry, reason: "pool class \(entry.bot.spec.poolClass) not declared")
                continue
            }
            let memory = entry.bot.memoryBytes
            if let limit = spec.memoryLimit, memory > limit.bytes {
                unplaced(entry, reason: "Unschedulable: bot requests \(ByteCount(bytes: memory)) "
                    + "but class \(key.poolClass) has memoryLimit \(limit)")
                continue
            }
            var queue = queues.removeValue(forKey: key) ?? makeQueue(of: booksByGroup[key] ?? [], maxBots: spec.maxBots)
            let chosen = queue.fullest(where: { books[$0].fits(memory: memory) }) ?? newPool(for: key, spec: spec, into: &queue)
            guard let chosen else {
                let reason = queue.fullest(where: { _ in true }) == nil
                    ? "class \(key.poolClass): all \(spec.maxPools) pools in use"
                    : "no pool has \(ByteCount(bytes: memory)) free and class \(key.poolClass) is at maxPools \(spec.maxPools)"
                unplaced(entry, reason: "Unschedulable: " + reason)
                queues[key] = queue
                continue
            }
            let used = books[chosen].usedSlots
            queue.remove(book: chosen, poolIndex: books[chosen].target.index, usedSlots: used)
            put(entry, into: chosen, memory: memory)
            queue.insert(book: chosen, poolIndex: books[chosen].target.index, usedSlots: used + 1)
            queues[key] = queue
        }
    }

    private func makeQueue(of members: [Int], maxBots: Int) -> PlacementQueue {
        var queue = PlacementQueue(maxBots: maxBots)
        for index in members {
            queue.insert(book: index, poolIndex: books[index].target.index, usedSlots: books[index].usedSlots)
        }
        return queue
    }

    /// Pools that fit their class and can be brought up (a dead pool holding a frozen bot cannot).
    /// A held pool takes no one: its node may never come back.
    func acceptsBots(_ book: Int) -> Bool {
        books[book].unfitReason == nil && books[book].hold == nil
            && (books[book].container == .running || replaceable(book))
    }

    private mutating func newPool(for key: GroupKey, spec: PoolClassSpec, into queue: inout PlacementQueue) -> Int? {
        guard let book = createPool(for: key, spec: spec, reason: "room for new bots") else { return nil }
        queue.insert(book: book, poolIndex: books[book].target.index, usedSlots: 0)
        return book
    }

    /// Appends a createPool at the class's lowest free index; nil when the class is at maxPools.
    mutating func createPool(for key: GroupKey, spec: PoolClassSpec, reason: String) -> Int? {
        var index = nextIndex[key.poolClass] ?? 0
        let used = usedIndexes[key.poolClass] ?? []
        while used.contains(index) { index += 1 }
        guard index < spec.maxPools else { return nil }
        nextIndex[key.poolClass] = index + 1
        books.append(PoolBook(new: PoolTarget(poolClass: key.poolClass, tenant: key.tenant, index: index), spec: spec))
        append(.createPool, book: books.count - 1, reason: reason)
        return books.count - 1
    }

    private mutating func put(_ entry: Homeless, into book: Int, memory: Int64) {
        guard let slot = books[book].firstFreeSlot, books[book].take(slot, memory: memory) else { return }
        books[book].placed += 1
        let id = entry.bot.id
        guard let from = entry.from else {
            append(.placeBot, book: book, bot: id, slot: slot, reason: "new bot")
            return
        }
        let target = books[book].target.name
        let reason = from.misplaced ?? "moving"
        append(.removeBot, book: from.book, bot: id, slot: program(at: from).slot,
               reason: "moving to pool \(target): \(reason)", deleteData: false)
        append(.placeBot, book: book, bot: id, slot: slot,
               reason: "moved from pool \(books[from.book].target.name): \(reason)", after: [drafts.count - 1])
        restartHistory[id] = nil
    }

    /// A bot left without a slot: a moving one stays where it is, a new one is Pending.
    private mutating func unplaced(_ entry: Homeless, reason: String) {
        guard let from = entry.from else {
            pending.append(PendingBot(bot: entry.bot.id, reason: reason))
            return
        }
        warnings.append("bot \(entry.bot.id) stays in pool \(books[from.book].target.name) "
            + "(\(from.misplaced ?? "misplaced")): \(reason)")
        tend(entry.bot, at: from)
    }
}
