/// Durations as written in manifests: `0`, or hours, minutes and seconds in that order, each at
/// most once (`15m`, `90s`, `1h30m`). No fractions, signs or other units.
public enum DurationText {
    /// The same language as `seconds(parsing:)` accepts, for the JSON Schema (ECMA-262).
    public static let pattern = "^(0|(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?)$"

    /// Seconds, nil when the text is not a duration or overflows.
    public static func seconds(parsing text: String) -> Int? {
        if text == "0" { return 0 }
        guard let match = text.wholeMatch(of: /(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?/),
              !text.isEmpty
        else { return nil }
        var total = 0
        for (part, unit) in [(match.1, 3600), (match.2, 60), (match.3, 1)] {
            guard let part else { continue }
            guard let value = Int(part) else { return nil }
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: unit)
            let (sum, overflow2) = total.addingReportingOverflow(scaled)
            guard !overflow1, !overflow2 else { return nil }
            total = sum
        }
        return total
    }
}
