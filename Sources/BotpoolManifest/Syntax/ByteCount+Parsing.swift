extension ByteCount {
    /// The same language as `init(parsing:)` accepts short of overflow, for the JSON Schema.
    public static let pattern = "^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$"

    /// Parses a quantity strictly: digits, then optionally one of `Ki Mi Gi Ti Pi Ei` (powers of
    /// 1024) or `k M G T P E` (powers of 1000). No spaces, signs, fractions or other units;
    /// nil also on overflow.
    public init?(parsing text: String) {
        guard let match = text.wholeMatch(of: /([0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?/),
              let number = Int64(match.1)
        else { return nil }
        let multiplier: Int64 = switch match.2 {
        case "Ki": 1 << 10
        case "Mi": 1 << 20
        case "Gi": 1 << 30
        case "Ti": 1 << 40
        case "Pi": 1 << 50
        case "Ei": 1 << 60
        case "k": 1_000
        case "M": 1_000_000
        case "G": 1_000_000_000
        case "T": 1_000_000_000_000
        case "P": 1_000_000_000_000_000
        case "E": 1_000_000_000_000_000_000
        default: 1
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        self.init(bytes: bytes)
    }
}
