import BotpoolController
import Foundation

/// `describe pool`: the pool container and the bots placed in it.
enum PoolDescription {
    static func render(_ pool: PoolView, bots: [BotView], events: [StatusEvent]?, now: Date) -> String {
        var out = DescribeSections()
        out.field("Name", pool.name)
        out.field("Class", pool.poolClass)
        out.field("Tenant", pool.tenant)
        out.field("Index", String(pool.index))
        out.field("State", pool.state)
        out.field("Bots", "\(pool.bots)/\(pool.capacity)")
        out.field("Ports", StatusTables.ports(of: pool))
        out.field("Template hash", pool.templateHash)
        if bots.isEmpty {
            out.heading("Bots", "<none>")
        } else {
            out.heading("Bots")
            out.block(StatusTables.bots(bots, now: now))
        }
        out.events(events, now: now)
        return out.text
    }
}
