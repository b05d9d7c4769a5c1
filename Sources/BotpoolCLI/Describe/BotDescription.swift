import BotpoolController
import Foundation

/// `describe bot`: everything known about one bot, in kubectl-describe sections.
enum BotDescription {
    static func render(_ bot: BotView, logTail: LogTailText, events: [StatusEvent]?, now: Date) -> String {
        var out = DescribeSections()
        out.field("Name", bot.name)
        out.field("Tenant", bot.tenant)
        out.field("Pool", bot.pool)
        out.field("Port", bot.port.map(String.init))
        out.field("Phase", bot.phase + (bot.reason.map { " (\($0))" } ?? ""))
        out.field("Spec hash", bot.specHash)
        manifest(bot, into: &out)
        out.field("Process", process(bot))
        out.field("Restarts", String(bot.restarts))
        out.field("Next retry", bot.nextRetryAt.map { retry in
            "in \(Durations.short(retry.timeIntervalSince(now))) (\(ISO8601DateFormatter().string(from: retry)))"
        })
        out.field("Last exit", bot.lastExitStatus.map { "status \($0)" })
        out.field("Last error", bot.lastError)
        // Only FreqTrade bots (`spec.freqtrade`) are read for it.
        if let trading = bot.trading { out.field("Trading", Self.trading(of: trading, now: now)) }
        if bot.conditions.isEmpty {
            out.heading("Conditions", "<none>")
        } else {
            out.heading("Conditions")
            out.block(Table(
                headers: ["TYPE", "STATUS", "REASON", "SINCE"],
                rows: bot.conditions.map { condition in
                    [condition.type, condition.status ? "True" : "False", condition.reason ?? "",
                     condition.since.map { Durations.short(now.timeIntervalSince($0)) + " ago" } ?? ""]
                }
            ).render())
        }
        logTail.render(into: &out)
        out.events(events, now: now)
        return out.text
    }

    /// The manifest's path and commit in the Git checkout (`-` outside one); a frozen bot's
    /// commit it broke in and the last commit it was valid at.
    private static func manifest(_ bot: BotView, into out: inout DescribeSections) {
        out.field("Manifest", bot.manifest.map { $0.path ?? "unknown" } ?? "-")
        out.field("Commit", bot.manifest.map { manifest in
            (manifest.commit ?? "none (no commit yet)") + (manifest.uncommitted == true ? " with an uncommitted edit of the file" : "")
        } ?? "-")
        guard let manifest = bot.manifest, bot.phase == "Frozen" || manifest.brokenIn != nil else { return }
        out.field("Broken in", manifest.brokenIn.map { "\($0) (the first commit a pass saw it broken at)" }
                  ?? (manifest.uncommitted == true ? "an edit not committed yet" : "unknown"))
        out.field("Last good", manifest.lastGoodCommit.map { "\($0) (still running)" }
                  ?? "unknown (not seen valid since the controller started)")
    }

    private static func process(_ bot: BotView) -> String? {
        guard let state = bot.processState else { return nil }
        return bot.pid.map { "\(state) (pid \($0))" } ?? state
    }

    /// "running, dry-run, 2 open trades, last loop 4 s ago" and the last request's problem.
    static func trading(of trading: TradingView, now: Date) -> String {
        var parts: [String] = []
        if let state = trading.state { parts.append(state) }
        if let dryRun = trading.dryRun { parts.append(dryRun ? "dry-run" : "LIVE") }
        if let count = trading.openTrades { parts.append(count == 1 ? "1 open trade" : "\(count) open trades") }
        if let last = trading.lastProcessAt { parts.append("last loop \(Durations.short(now.timeIntervalSince(last))) ago") }
        if let problem = trading.problem { parts.append("last read failed: \(problem)") }
        return parts.isEmpty ? "not read yet" : parts.joined(separator: ", ")
    }
}
