import BotpoolClients
@testable import BotpoolCLI
import BotpoolManifest
import Foundation
import Testing

@Suite struct AdoptTranslationTests {
    let translation = AdoptTranslation(tenant: "ops", poolImage: "botpool/freqtrade:dev", classPrefix: "adopted",
                                       healthPath: "/api/v1/ping", secretsDir: "/etc/botpool/secrets")

    @Test func aComposeFreqtradeContainerBecomesABotOnItsPortWithItsSecretsInFiles() throws {
        let details = try AdoptInspectRecords.details(AdoptInspectRecords.composeFreqtrade)
        let bot = try translation.translate(details, imageEnv: AdoptInspectRecords.freqtradeImageEnv).get()
        #expect(bot.bot == "freqtrade")
        #expect(bot.poolClass == "adopted-8080")
        #expect(bot.port == 8080)
        #expect(bot.publish == "127.0.0.1")
        #expect(bot.command == ["freqtrade", "trade", "--logfile", "user_data/logs/freqtrade.log",
                                "--db-url", "sqlite:///user_data/tradesv3.sqlite",
                                "--config", "user_data/config.json", "--strategy", "SampleStrategy"])
        #expect(bot.data == .init(source: "/home/ops/ft_userdata/user_data", target: "user_data"))
        #expect(bot.secrets.map(\.variable) == ["FREQTRADE__API_SERVER__PASSWORD", "FREQTRADE__EXCHANGE__KEY", "FREQTRADE__EXCHANGE__SECRET"])
        #expect(bot.secrets.first?.path == "/etc/botpool/secrets/ops/freqtrade/FREQTRADE__API_SERVER__PASSWORD")
        let env = Dictionary(uniqueKeysWithValues: bot.env.map { ($0.name, $0.value) })
        #expect(env["FREQTRADE__API_SERVER__LISTEN_PORT"] == .value("${BOTPOOL_PORT}"))
        #expect(env["FREQTRADE__EXCHANGE__KEY"] == .fromFile("/etc/botpool/secrets/ops/freqtrade/FREQTRADE__EXCHANGE__KEY"))
        #expect(env["FREQTRADE__TELEGRAM__ENABLED"] == .value("false"))
        #expect(env["PATH"] == nil && env["LANG"] == nil && env["HOME"] == nil, "image and pool env are not copied")
    }

    @Test func theManifestNamesSecretFilesAndNeverTheirValuesAndValidates() throws {
        let details = try AdoptInspectRecords.details(AdoptInspectRecords.composeFreqtrade)
        let bot = try translation.translate(details, imageEnv: AdoptInspectRecords.freqtradeImageEnv).get()
        let yaml = AdoptManifest.yaml(bot)
        for value in ["abc-exchange-key", "s3cr3t-exchange", "hunter2"] {
            #expect(!yaml.contains(value))
            #expect(!AdoptText.summary(bot, stateDir: "/var/lib/botpool").contains(value))
        }
        #expect(yaml.contains("FREQTRADE__EXCHANGE__SECRET: {fromFile: \"/etc/botpool/secrets/ops/freqtrade/FREQTRADE__EXCHANGE__SECRET\"}"))
        let loaded = ManifestLoader().load(sources: [ManifestSource(path: "adopted-freqtrade.yaml", contents: Data(yaml.utf8))])
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.bots.first?.spec.poolClass == "adopted-8080")
        #expect(loaded.poolClasses.first?.spec.basePort == 8080)
        #expect(loaded.poolClasses.first?.spec.maxBots == 1)
    }

    @Test func aPythonServerHasItsPortAndDataPathsRewritten() throws {
        let python = AdoptTranslation(tenant: "default", poolImage: "botpool/pool:dev", classPrefix: "legacy",
                                      healthPath: "/", secretsDir: "/s")
        let bot = try python.translate(try AdoptInspectRecords.details(AdoptInspectRecords.pythonServer), imageEnv: ["PATH=/usr/bin"]).get()
        #expect(bot.bot == "legacy-bot-1")
        #expect(bot.command == ["python3", "-m", "http.server", "18501", "--directory", "user_data"])
        #expect(bot.data == .init(source: "/tmp/legacy/user_data", target: "user_data"))
        let env = Dictionary(uniqueKeysWithValues: bot.env.map { ($0.name, $0.value) })
        #expect(env["API_TOKEN"] == .fromFile("/s/default/legacy-bot-1/API_TOKEN"))
        #expect(env["DATA"] == .value("${BOTPOOL_DATA_DIR}/user_data/x"))
        #expect(bot.secrets == [.init(variable: "API_TOKEN", path: "/s/default/legacy-bot-1/API_TOKEN", value: "tok-123")])
    }

    @Test(arguments: [
        ("no port", "it publishes no port"),
        ("two ports", "it publishes several ports"),
        ("two mounts", "it mounts 2 directories"),
        ("other image", "image nginx:1 is neither"),
        ("port unnamed", "neither its command nor its env names container port 8080"),
        ("udp", "is not TCP"),
    ])
    func whatCannotBeAdoptedFaithfullyIsRefusedByName(_ scenario: String, _ reason: String) throws {
        let python = AdoptTranslation(tenant: "default", poolImage: "botpool/pool:dev", classPrefix: "legacy",
                                      healthPath: "/", secretsDir: "/s")
        let details = try AdoptInspectRecords.details(AdoptInspectRecords.pythonServer) { object in
            var host = object["HostConfig"] as? [String: Any] ?? [:]
            var config = object["Config"] as? [String: Any] ?? [:]
            switch scenario {
            case "no port": host["PortBindings"] = [String: Any]()
            case "two ports":
                host["PortBindings"] = ["8080/tcp": [["HostIp": "", "HostPort": "18501"]], "9090/tcp": [["HostIp": "", "HostPort": "19090"]]]
            case "two mounts":
                object["Mounts"] = [["Type": "bind", "Source": "/a", "Destination": "/a"], ["Type": "volume", "Source": "/b", "Destination": "/b"]]
            case "other image": config["Image"] = "nginx:1"
            case "port unnamed": config["Cmd"] = ["server.py"]
            default: host["PortBindings"] = ["8080/udp": [["HostIp": "", "HostPort": "18501"]]]
            }
            object["HostConfig"] = host
            object["Config"] = config
        }
        let result = python.translate(details, imageEnv: [])
        guard case .failure(let refusal) = result else {
            Issue.record("\(scenario) was adopted")
            return
        }
        #expect(refusal.container == "legacy_bot_1")
        #expect(refusal.description.hasPrefix("container legacy_bot_1: "))
        #expect(refusal.description.contains(reason), "\(refusal)")
    }

    @Test func secretNamesAreThoseThatSayKeySecretTokenOrPass() {
        #expect(["API_KEY", "exchange_secret", "BOT_TOKEN", "DB_PASSWORD", "PASSPHRASE"].allSatisfy(AdoptTranslation.isSecret))
        #expect(!["GREETING", "FREQTRADE__TELEGRAM__ENABLED", "LANG"].contains(where: AdoptTranslation.isSecret))
    }

    @Test func mountPointsAreReplacedAsWholePathsOnly() {
        let replace = { AdoptTranslation.replacingPath("/srv/data", with: "data", in: $0) }
        #expect(replace("/srv/data") == "data")
        #expect(replace("--dir=/srv/data/x") == "--dir=data/x")
        #expect(replace("sqlite:////srv/data/db.sqlite") == "sqlite:///data/db.sqlite")
        #expect(replace("/srv/database") == "/srv/database")
        #expect(replace("/x/srv/data") == "/x/srv/data")
    }

    @Test func containerNamesBecomeDNSLabels() {
        #expect(AdoptTranslation.botName("Legacy_Bot.1") == "legacy-bot-1")
        #expect(AdoptTranslation.botName("__") == nil)
        #expect(AdoptTranslation.botName(String(repeating: "a", count: 70))?.count == 63)
    }
}
