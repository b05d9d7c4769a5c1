import Foundation

/// Warns about PoolClasses whose ports fall inside the host's ephemeral range
/// (`/proc/sys/net/ipv4/ip_local_port_range`). The kernel hands those ports out as source ports
/// of outgoing connections (the controller's own probes among them), so a pool restarting while
/// such a socket sits in TIME_WAIT on one of its ports cannot bind it for up to a minute.
/// A warning, not an error: it works most of the time, and the operator may have reasons.
public enum EphemeralPortCheck {
    public static let rangeFile = "/proc/sys/net/ipv4/ip_local_port_range"

    /// The host's ephemeral range, or nil where it cannot be read (not Linux).
    public static func hostRange(file: String = rangeFile) -> ClosedRange<Int>? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard numbers.count == 2, numbers[0] <= numbers[1] else { return nil }
        return numbers[0]...numbers[1]
    }

    /// One warning per class whose port range overlaps `ephemeral`.
    public static func warnings(_ classes: [PoolClass], ephemeral: ClosedRange<Int>) -> [Diagnostic] {
        classes.filter { $0.spec.portRange.overlaps(ephemeral) }.map { poolClass in
            let ports = poolClass.spec.portRange
            return Diagnostic(
                .warning, poolClass.source, path: "spec.basePort",
                "port range \(ports.lowerBound)-\(ports.upperBound) overlaps the host's ephemeral port range "
                    + "\(ephemeral.lowerBound)-\(ephemeral.upperBound) (\(rangeFile)); a pool may fail to bind a port "
                    + "an outgoing connection used; choose ports below \(ephemeral.lowerBound) or narrow the range")
        }
    }
}

extension ManifestSet {
    /// Adds the ephemeral-range warnings for this host (see `EphemeralPortCheck`).
    public mutating func warnAboutEphemeralPorts(range: ClosedRange<Int>? = EphemeralPortCheck.hostRange()) {
        guard let range else { return }
        diagnostics = (diagnostics + EphemeralPortCheck.warnings(poolClasses, ephemeral: range)).sortedBySource()
    }
}
