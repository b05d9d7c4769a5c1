import BotpoolManifest
import Testing

/// "Billion laughs": nine levels of nine aliases would expand to 9^9 strings. Aliases are never
/// expanded, so the document is rejected in about the time it takes to read it.
@Suite struct AliasBombTests {
    static func bomb(asKey: Bool) -> String {
        var lines = [#"    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = "abcdefghi".map(String.init)
        for level in 1..<names.count {
            let refs = Array(repeating: "*\(names[level - 1])", count: 9).joined(separator: ",")
            lines.append("    \(names[level]): &\(names[level]) [\(refs)]")
        }
        lines.append(asKey ? "    ? *i\n    : boom" : "    boom: *i")
        return Fixtures.bot("  files:\n" + lines.joined(separator: "\n") + "\n")
    }

    @Test(arguments: [false, true])
    func aliasBombIsRejectedQuickly(asKey: Bool) {
        let clock = ContinuousClock()
        var set = ManifestSet()
        let elapsed = clock.measure { set = Fixtures.load(Self.bomb(asKey: asKey)) }
        // Expanding would build 387 million strings (minutes and gigabytes); reading takes a few
        // milliseconds. The bound sits between the two, far from both, so load cannot break it.
        #expect(elapsed < .seconds(10), "took \(elapsed)")
        let alias = "10:12 spec.files.b[0]: YAML aliases are not supported (*a); write the value out (73 aliases in this document)"
        #expect(set.errors.map(\.brief).contains(alias), "\(set.errors)")
        #expect(set.frozenBots == [BotID(tenant: "default", name: "b")])
        #expect(set.bots.isEmpty)
    }
}
