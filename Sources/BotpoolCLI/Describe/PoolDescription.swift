import BotpoolController
import Foundation

/// `describe pool`: the pool container, how it runs its bots (a fork pool's zygote), its
/// memory and the bots placed in it.
enum PoolDescription {
    static func render(_ pool: PoolView, bots: [BotView], zygoteLog: LogTailText?, learned: LearnedPreload? = nil,
                       events: [StatusEvent]?, now: Date) -> String {
        var out = DescribeSections()
        out.field("Name", pool.name)
        out.field("Class", pool.poolClass)
        out.field("Tenant", pool.tenant)
        out.field("Index", String(pool.index))
        out.field("State", pool.state)
        out.field("Runtime", pool.runtime)
        if let zygote = pool.zygote {
            out.field("Zygote", state(of: zygote, now: now))
            out.field("Python", zygote.python.map { python in
                zygote.pythonVersion.map { "\(python) (\($0))" } ?? python
            })
            out.field("Preload", preload(of: zygote))
            if let modules = zygote.preload, modules.count > inlineModules {
                out.heading("Preloaded")
                out.block(wrapped(modules, width: 96))
            }
            if let learned {
                out.field("Learned", LearnedPreloadText.summary(learned, poolClass: pool.poolClass))
                if !learned.modules.isEmpty {
                    out.heading("Learned modules")
                    out.block(wrapped(LearnedPreloadText.shown(learned), width: 96))
                }
            }
        }
        out.field("Memory", pool.memory.map { "\(MemoryText.binary($0.pssBytes)) PSS in \($0.processes) processes" }
                  ?? (pool.state == "running" ? "<not measured>" : "<pool not running>"))
        out.field("Bots", "\(pool.bots)/\(pool.capacity)")
        out.field("Ports", StatusTables.ports(of: pool))
        out.field("Template hash", pool.templateHash)
        if bots.isEmpty {
            out.heading("Bots", "<none>")
        } else {
            out.heading("Bots")
            out.block(StatusTables.bots(bots, now: now))
        }
        zygoteLog?.render(into: &out, heading: "Zygote log")
        out.events(events, now: now)
        return out.text
    }

    /// `RUNNING (pid 7, up 5m)`, `BACKOFF (exit status 1)`.
    static func state(of zygote: ZygoteView, now: Date) -> String {
        var details: [String] = []
        if let pid = zygote.pid { details.append("pid \(pid)") }
        if zygote.state == "RUNNING", let since = zygote.since {
            details.append("up \(Durations.short(now.timeIntervalSince(since)))")
        }
        if let status = zygote.exitStatus { details.append("exit status \(status)") }
        return details.isEmpty ? zygote.state : "\(zygote.state) (\(details.joined(separator: ", ")))"
    }

    /// Up to this many preloaded modules are named on the `Preload:` line; more get a block.
    static let inlineModules = 3

    /// `freqtrade.main in 2.31 s, 412345 objects frozen`, or `20 modules in 5.26 s, …` with the
    /// modules listed below; the zygote writes it once it serves.
    static func preload(of zygote: ZygoteView) -> String {
        guard let seconds = zygote.preloadSeconds else {
            switch zygote.state {
            case "RUNNING", "STARTING": return "<in progress>"
            default: return "<not serving; see the zygote log>"
            }
        }
        let modules = zygote.preload ?? []
        let what = switch modules.count {
        case 0: "nothing"
        case ...inlineModules: modules.joined(separator: ", ")
        default: "\(modules.count) modules"
        }
        let frozen = zygote.frozenObjects.map { ", \($0) objects frozen" } ?? ""
        return "\(what) in \(String(format: "%.2f", seconds)) s\(frozen)"
    }

    /// `a, b, c` broken into lines of at most `width` characters (a longer name gets its own).
    static func wrapped(_ names: [String], width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for (index, name) in names.enumerated() {
            let word = name + (index < names.count - 1 ? "," : "")
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = word
            } else {
                line = line.isEmpty ? word : line + " " + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }
}
