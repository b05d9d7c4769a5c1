extension Duration {
    /// Whole milliseconds, rounded up so that a sub-millisecond timeout never becomes "none".
    public var milliseconds: Int {
        let (seconds, attoseconds) = components
        let sub = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(seconds) * 1000 + Int(sub)
    }
}

extension Duration {
    /// Seconds with one decimal, for messages: `1.0`, `0.2`, `30.0`.
    public var secondsText: String {
        let millis = milliseconds
        return String(millis / 1000) + "." + String((millis % 1000) / 100)
    }
}

extension Duration {
    /// The duration as fractional seconds, for metrics and logs.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
