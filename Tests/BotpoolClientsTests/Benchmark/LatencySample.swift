import Foundation

/// Latencies of repeated runs of one operation, summarised as percentiles.
struct LatencySample {
    var name: String
    var durations: [Duration] = []

    mutating func measure<T>(_ body: () async throws -> T) async rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        durations.append(clock.now - start)
        return value
    }

    func percentile(_ p: Double) -> Duration {
        let sorted = durations.sorted()
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(rank, sorted.count - 1)]
    }

    var report: String {
        "bench: \(name): n=\(durations.count) p50=\(Self.ms(percentile(50))) p95=\(Self.ms(percentile(95))) max=\(Self.ms(percentile(100)))"
    }

    static func ms(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        return String(format: "%.2f ms", Double(micros) / 1000)
    }
}
