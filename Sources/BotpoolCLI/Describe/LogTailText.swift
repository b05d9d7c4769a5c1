import BotpoolClients
import BotpoolController
import Foundation

/// The last lines a bot (or a pool's zygote) wrote, read from its pool's supervisord, or why
/// there are none.
enum LogTailText: Sendable, Equatable {
    case lines([String])
    case poolNotRunning
    case unavailable(String)

    static let lineCount = 20

    /// Reads through the supervisord socket under the state dir, which is only there on the
    /// controller's host.
    static func read(bot: BotView, pools: [PoolView], layout: StateLayout) async -> LogTailText {
        await read(program: bot.name, pool: bot.pool, pools: pools, layout: layout)
    }

    static func read(program: String, pool: String?, pools: [PoolView], layout: StateLayout,
                     count: Int = lineCount) async -> LogTailText {
        guard let pool, pools.contains(where: { $0.name == pool && $0.state == "running" }) else {
            return .poolNotRunning
        }
        let client: Supervisor.Client
        do {
            client = try SupervisorAccess(layout: layout, key: ControllerKey.existing(layout)).client(pool: pool, timeout: .seconds(5))
        } catch {
            return .unavailable("\(error); run describe on the controller's host with its --state-dir")
        }
        do {
            switch try await client.tailProcessStdoutLog(program, offset: 0, length: 8192) {
            case .found(let tail): return .lines(lastLines(of: tail.text, count: count))
            case .absent: return .unavailable("supervisord has no program \(program)")
            }
        } catch {
            return .unavailable("\(error)")
        }
    }

    /// The log is the bot's own output: control characters (terminal escapes among them) are
    /// shown as `?`, so a bot cannot rewrite the operator's screen.
    static func lastLines(of text: String, count: Int) -> [String] {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar == "\n" || scalar == "\t" || !(scalar.properties.generalCategory == .control) ? scalar : "?"
        }))
        var lines = printable.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return Array(lines.suffix(count))
    }

    func render(into out: inout DescribeSections, heading: String = "Log tail") {
        switch self {
        case .lines(let lines) where lines.isEmpty:
            out.heading(heading, "<empty>")
        case .lines(let lines):
            out.heading(heading, "(last \(lines.count) lines)")
            out.block(lines.joined(separator: "\n") + "\n")
        case .poolNotRunning:
            out.heading(heading, "<pool not running>")
        case .unavailable(let why):
            out.heading(heading, "<\(why)>")
        }
    }
}
