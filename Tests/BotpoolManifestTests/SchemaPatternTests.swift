import BotpoolManifest
import Foundation
import Testing

/// The schema's quantity and duration patterns accept what the loader's parsers accept.
@Suite struct SchemaPatternTests {
    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test(arguments: ["0", "1", "300Mi", "2Gi", "512M", "1k", "7Ei", "", "300 Mi", "-1Gi", "1.5Gi", "300mb", "Mi", "1Ki2"])
    func quantity(_ text: String) throws {
        #expect(try Self.matches(ByteCount.pattern, text) == (ByteCount(parsing: text) != nil))
    }

    @Test(arguments: ["0", "15m", "90s", "1h30m", "1h2m3s", "2h", "0s", "", "15", "1.5m", "-5s", "15min", "1h-5m", "m", "30m1h", "h"])
    func duration(_ text: String) throws {
        #expect(try Self.matches(DurationText.pattern, text) == (DurationText.seconds(parsing: text) != nil))
    }
}
