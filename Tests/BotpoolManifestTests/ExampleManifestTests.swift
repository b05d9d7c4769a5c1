import BotpoolManifest
import Foundation
import Testing

/// The shipped examples and the default `manifests/` directory must stay valid.
@Suite struct ExampleManifestTests {
    static let directories = ["examples/quickstart", "examples/freqtrade", "examples/freqtrade-offline", "examples/multi-tenant", "manifests"]

    @Test(arguments: directories)
    func exampleValidates(directory: String) throws {
        let path = Fixtures.packageRoot.appendingPathComponent(directory).path
        let set = try ManifestLoader().load(paths: [path])
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(\.description))")
        #expect(!set.bots.isEmpty)
        #expect(!set.poolClasses.isEmpty)
        #expect(set.frozenBots.isEmpty && !set.hasUnattributedErrors)
    }

    @Test func everyExampleDirectoryIsCovered() throws {
        let examples = Fixtures.packageRoot.appendingPathComponent("examples").path
        let found = try FileManager.default.contentsOfDirectory(atPath: examples).filter { !$0.hasPrefix(".") }
        #expect(Set(found.map { "examples/\($0)" }) == Set(Self.directories.dropLast()))
    }

    @Test func allExamplesTogetherHaveDisjointPorts() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("examples").path
        let set = try ManifestLoader().load(paths: [path])
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(\.description))")
        #expect(set.poolClasses.count == 5)
    }

    @Test func freqtradeExampleUsesTheForkRuntimeAndASecretFile() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("examples/freqtrade").path
        let set = try ManifestLoader().load(paths: [path])
        let poolClass = try #require(set.poolClasses.first)
        guard case .fork(let python, let preload, let learns) = poolClass.spec.runtime else {
            Issue.record("not a fork runtime: \(poolClass.spec.runtime)")
            return
        }
        #expect(python == "/opt/freqtrade/bin/python3")
        // `preload: auto`: nothing named, everything learned from the first bot.
        #expect(preload.isEmpty && learns)
        for bot in set.bots {
            #expect(bot.spec.command == ["freqtrade", "webserver", "--config", "config.json", "--user-data-dir", "."])
            #expect(bot.spec.env.contains(EnvVar(name: "FREQTRADE__API_SERVER__PASSWORD",
                                                 value: .fromFile(path: "/etc/botpool/secrets/alice/ft-api-password"))))
            #expect(bot.spec.health?.httpPath == "/api/v1/ping")
            #expect(bot.spec.memory == .mebibytes(400))
            let config = try #require(bot.spec.files.first { $0.name == "config.json" })
            #expect((try? JSONSerialization.jsonObject(with: Data(config.contents.utf8))) != nil)
        }
    }
}
