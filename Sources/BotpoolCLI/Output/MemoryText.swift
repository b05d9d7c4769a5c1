import Foundation

/// Byte counts as the manifests write them (`Mi`, `Gi`), one decimal: `612.3Mi`.
enum MemoryText {
    static func binary(_ bytes: Int64) -> String {
        let units = ["Ki", "Mi", "Gi", "Ti"]
        guard bytes >= 1024 else { return "\(bytes)B" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + units[unit]
    }
}
