/// A wait that doubles with each failure in a row, up to a ceiling. The one back-off rule of
/// botpool: a crashed bot's restarts (kubelet's CrashLoopBackOff: 10 s, doubling, 5 minutes at
/// most) and a failed action's retries both wait this way.
public struct BackOff: Hashable, Sendable {
    public var initialSeconds: Double
    public var maximumSeconds: Double

    public init(initialSeconds: Double, maximumSeconds: Double) {
        self.initialSeconds = initialSeconds
        self.maximumSeconds = maximumSeconds
    }

    /// The default: 10 s, 20 s, 40 s … 300 s.
    public static let standard = BackOff(initialSeconds: 10, maximumSeconds: 300)

    /// The wait after `failures` failures in a row (the first failure waits `initialSeconds`).
    public func seconds(afterFailures failures: Int) -> Double {
        guard failures > 0 else { return 0 }
        // Past 2^10 the ceiling has long been reached; the cap keeps the shift defined.
        return min(initialSeconds * Double(1 << min(failures - 1, 10)), maximumSeconds)
    }
}
