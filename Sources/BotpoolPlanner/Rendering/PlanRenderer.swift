#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Renders a plan for `botpool diff` and `run --dry-run`: text like `terraform plan`, or JSON
/// (fields documented in docs/plan-json.md).
public enum PlanRenderer {
    /// - Parameters:
    ///   - color: ANSI colours; pass true only when writing to a terminal.
    ///   - now: when given, back-off waits read "next retry in 20s".
    public static func text(_ plan: Plan, color: Bool = false, now: Timestamp? = nil) -> String {
        var text = TextPlan(color: color, now: now)
        text.render(plan)
        return text.output
    }

    /// Pretty-printed JSON with sorted keys, so equal plans render to equal bytes.
    public static func json(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(plan), as: UTF8.self)
    }

    /// "Plan: 2 pools to create, 14 bots to place, 1 to restart, 0 to remove." Replace, update,
    /// start, stop, drain and resume appear only when there are some; "remove" counts bots and pools.
    public static func summaryLine(_ summary: PlanSummary) -> String {
        var parts = [counted(summary.poolsToCreate, "pool") + " to create"]
        if summary.poolsToReplace > 0 { parts.append("\(summary.poolsToReplace) to replace") }
        parts.append(counted(summary.botsToPlace, "bot") + " to place")
        if summary.botsToUpdate > 0 { parts.append("\(summary.botsToUpdate) to update") }
        if summary.botsToStart > 0 { parts.append("\(summary.botsToStart) to start") }
        if summary.botsToStop > 0 { parts.append("\(summary.botsToStop) to stop") }
        if summary.botsToDrain > 0 { parts.append("\(summary.botsToDrain) to drain") }
        if summary.botsToResume > 0 { parts.append("\(summary.botsToResume) to resume") }
        parts.append("\(summary.botsToRestart) to restart")
        parts.append("\(summary.botsToRemove + summary.poolsToRemove) to remove")
        return "Plan: " + parts.joined(separator: ", ") + "."
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
