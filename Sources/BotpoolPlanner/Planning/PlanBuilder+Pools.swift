import BotpoolManifest

extension PlanBuilder {
    /// Replaces dead and drifted pools, keeps warm pools, and removes surplus empty pools after their TTL.
    mutating func settlePools() {
        var emptyByGroup: [GroupKey: [Int]] = [:]
        for book in books.indices {
            if let hold = books[book].hold {
                warnings.append("pool \(books[book].target.name) held: \(hold.message); left alone")
                continue
            }
            if books[book].isEmpty {
                if books[book].unfitReason == nil {
                    emptyByGroup[group(of: books[book]), default: []].append(book)
                } else {
                    append(.removePool, book: book, reason: books[book].unfitReason ?? "unfit")
                }
            } else {
                repairIfNeeded(book)
            }
        }
        var wanted: [GroupKey: Int] = [:]
        var previous: (poolClass: String, tenant: String)?
        for bot in desired.bots {
            // Bots are sorted by tenant, so runs of one class and tenant are common: each run's
            // group is looked up once, not once per bot.
            let poolClass = bot.spec.poolClass, tenant = bot.id.tenant
            if let previous, previous.poolClass == poolClass, previous.tenant == tenant { continue }
            previous = (poolClass, tenant)
            guard let key = group(of: bot), let spec = desired.poolClasses[key.poolClass] else { continue }
            wanted[key] = spec.warmPools
        }
        let keys = Set(emptyByGroup.keys).union(wanted.filter { $0.value > 0 }.keys).sorted()
        for key in keys {
            let empties = (emptyByGroup[key] ?? []).sorted { books[$0].target.index < books[$1].target.index }
            keepWarm(key, empties: empties, keep: wanted[key] ?? 0)
        }
    }

    /// A pool that holds bots gets a new container when its own is gone (any number per pass)
    /// or when its template drifted (one per pass, chosen while reading).
    private mutating func repairIfNeeded(_ book: Int) {
        // Most pools need nothing; that is asked in place, not of a copy of the book (a copy
        // retains every field of the book, its class and its observed pool).
        guard books[book].unfitReason == nil, let container = books[book].observed?.container,
              container != .running || books[book].hasDrifted else { return }
        let pool = books[book]
        guard let observed = pool.observed, pool.unfitReason == nil else { return }
        if observed.container != .running {
            guard let frozen = pool.frozenBot else {
                append(.replacePool, book: book, reason: "container \(observed.container.rawValue)")
                return
            }
            warnings.append("pool \(pool.target.name): container \(observed.container.rawValue) "
                + "but it holds frozen bot \(frozen); not replaced")
        } else if pool.hasDrifted {
            if let frozen = pool.frozenBot {
                warnings.append("pool \(pool.target.name): template changed but it holds frozen bot \(frozen); not replaced")
            } else if driftReplacement == nil, !everyBotMayGo(in: book) {
                warnings.append("pool \(pool.target.name): template changed; the replacement waits for its bots' disruption policy")
            } else if driftReplacement == nil || driftReplacement == book {
                driftReplacement = book
                replacing.insert(book)
                append(.replacePool, book: book, reason: templateReason(pool))
            }
        }
    }

    private func templateReason(_ pool: PoolBook) -> String {
        "template changed: \(pool.observed?.templateHash ?? "?") → \(pool.templateHash ?? "?")"
    }

    /// Keeps `keep` empty pools of a group (lowest indexes first) and lets the rest expire.
    private mutating func keepWarm(_ key: GroupKey, empties: [Int], keep: Int) {
        for (rank, book) in empties.enumerated() {
            let pool = books[book]
            if rank < keep {
                if pool.container != .running {
                    append(.replacePool, book: book, reason: "container \(pool.container.rawValue)")
                } else if pool.hasDrifted, driftReplacement == nil {
                    driftReplacement = book
                    append(.replacePool, book: book, reason: templateReason(pool))
                }
                continue
            }
            let ttl = Double(pool.spec?.emptyPoolTTLSeconds ?? 0)
            let emptyFor = max(0, now - (pool.observed?.emptiedSince ?? now))
            if ttl == 0 {
                append(.removePool, book: book, reason: "pool empty, ttl 0")
            } else if emptyFor > ttl {
                append(.removePool, book: book,
                       reason: "pool empty for \(DurationText.of(emptyFor)) > ttl \(DurationText.of(ttl))")
            }
        }
        guard let spec = desired.poolClasses[key.poolClass], empties.count < keep else { return }
        for number in (empties.count + 1)...keep {
            let owner = key.tenant.map { "tenant \($0)" } ?? "shared pools"
            guard createPool(for: key, spec: spec, reason: "warm pool \(number)/\(keep) for \(owner)") != nil else {
                warnings.append("class \(key.poolClass): cannot keep \(keep) warm pools for \(owner), at maxPools \(spec.maxPools)")
                return
            }
        }
    }
}
