import BotpoolController
import Foundation

/// `get bots` / `get pools` as tables, from the same status model the API serves.
enum StatusTables {
    /// `wide` adds where each manifest came from: its path in the Git checkout and the commit
    /// (`-` outside a checkout); a frozen bot's commit cell names the commit that broke it.
    static func bots(_ bots: [BotView], now: Date, wide: Bool = false) -> String {
        let provenance = wide ? ["MANIFEST", "COMMIT"] : []
        return Table(
            headers: ["TENANT", "NAME", "POOL", "PORT", "PHASE", "RESTARTS", "OPEN TRADES"] + provenance + ["REASON"],
            rows: bots.map { bot in
                [bot.tenant, bot.name, bot.pool ?? "<none>", bot.port.map(String.init) ?? "-", bot.phase,
                 String(bot.restarts), openTrades(of: bot)]
                    + (wide ? [bot.manifest?.path ?? "-", commit(of: bot)] : [])
                    + [reason(of: bot, now: now)]
            }
        ).render()
    }

    /// The commit the manifest was read at (`-dirty`: an uncommitted edit of it); for a frozen
    /// bot, the commit it broke in and the last one it was valid at (what still runs), `?`
    /// when unknown.
    static func commit(of bot: BotView) -> String {
        guard let manifest = bot.manifest else { return "-" }
        let dirty = manifest.uncommitted == true ? "-dirty" : ""
        if bot.phase == "Frozen" || manifest.brokenIn != nil {
            let broken = manifest.brokenIn.map { GitText.short($0) } ?? (dirty.isEmpty ? "?" : "an uncommitted edit")
            return "broken in \(broken), last good \(GitText.short(manifest.lastGoodCommit))"
        }
        return GitText.short(manifest.commit) + dirty
    }

    static func pools(_ pools: [PoolView]) -> String {
        Table(
            headers: ["NAME", "CLASS", "TENANT", "STATE", "RUNTIME", "BOTS", "PORTS", "MEMORY", "TEMPLATE"],
            rows: pools.map { pool in
                [pool.name, pool.poolClass, pool.tenant, pool.state, pool.runtime ?? "-", "\(pool.bots)/\(pool.capacity)",
                 ports(of: pool), pool.memory.map { MemoryText.binary($0.pssBytes) } ?? "-", pool.templateHash]
            }
        ).render()
    }

    /// Capacity is 0 when the pool's class is no longer declared: only the base port is known.
    static func ports(of pool: PoolView) -> String {
        pool.capacity > 0 ? "\(pool.basePort)-\(pool.basePort + pool.capacity - 1)" : "\(pool.basePort)-?"
    }

    /// `-` for a bot that is not read as a FreqTrade bot, `?` until its API has said.
    static func openTrades(of bot: BotView) -> String {
        guard let trading = bot.trading else { return "-" }
        return trading.openTrades.map(String.init) ?? "?"
    }

    static func reason(of bot: BotView, now: Date) -> String {
        var parts: [String] = []
        if let reason = bot.reason { parts.append(reason) }
        if let retry = bot.nextRetryAt {
            parts.append("retry in \(Durations.short(retry.timeIntervalSince(now)))")
        }
        return parts.isEmpty ? "" : parts.joined(separator: "; ")
    }
}

enum Durations {
    /// `45s`, `3m10s`, `2h5m`, as kubectl prints ages.
    static func short(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded()))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return total % 60 == 0 ? "\(total / 60)m" : "\(total / 60)m\(total % 60)s" }
        let minutes = (total % 3600) / 60
        return minutes == 0 ? "\(total / 3600)h" : "\(total / 3600)h\(minutes)m"
    }
}
