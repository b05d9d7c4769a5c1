/// Durations for reasons, in the largest units that keep them short: "45s", "16m", "1h5m".
enum DurationText {
    static func of(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let rest = total % 60
        if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
        if minutes > 0 { return rest > 0 && minutes < 10 ? "\(minutes)m\(rest)s" : "\(minutes)m" }
        return "\(rest)s"
    }
}
