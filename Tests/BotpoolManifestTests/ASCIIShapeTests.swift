@testable import BotpoolManifest
import Testing

/// The byte checks of `NameRules` accept exactly what the regular expressions they replaced
/// accept (the regexes are the oracle here), over short strings from an alphabet of every
/// boundary case: lower, upper, digits, '-', '_', '.', and a non-ASCII letter.
@Suite struct ASCIIShapeTests {
    static let alphabet: [String] = ["a", "z", "A", "Z", "0", "9", "-", "_", ".", "é", "/"]

    /// Every string of up to `length` characters from `alphabet` (11^0 + … + 11^4 = 16,105).
    static func strings(upTo length: Int) -> [String] {
        var all = [""]
        var level = [""]
        for _ in 0..<length {
            level = level.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += level
        }
        return all
    }

    @Test func dnsLabelsLabelValuesAndIdentifiersMatchTheirRegexes() {
        let label = /[a-z0-9]([-a-z0-9]*[a-z0-9])?/
        let value = /[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?/
        let identifier = /[A-Za-z_][A-Za-z0-9_]*/
        let module = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/
        for text in Self.strings(upTo: 4) {
            #expect(ASCIIShape.dnsLabel(text.utf8) == (text.wholeMatch(of: label) != nil), "\(text)")
            #expect(ASCIIShape.labelValue(text.utf8) == (text.wholeMatch(of: value) != nil), "\(text)")
            #expect(ASCIIShape.identifier(text.utf8) == (text.wholeMatch(of: identifier) != nil), "\(text)")
            #expect((NameRules.moduleName(text) == nil) == (text.wholeMatch(of: module) != nil), "\(text)")
        }
    }

    @Test func labelKeyPrefixesAreDNSSubdomains() {
        let subdomainPattern = /[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/
        for prefix in Self.strings(upTo: 4) where !prefix.contains("/") {
            let subdomain = !prefix.isEmpty && prefix.wholeMatch(of: subdomainPattern) != nil
            #expect((NameRules.labelKey(prefix + "/name") == nil) == subdomain, "\(prefix)")
        }
    }
}
