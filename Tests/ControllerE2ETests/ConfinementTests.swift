import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// A pool runs untrusted code: three capabilities for its root processes only, no privilege
    /// gain, a process limit, no swap beyond its memory; each bot runs as its own uid with none;
    /// and its bots still run and answer.
    @Suite struct Confinement {
        @Test func poolsRunWithoutCapabilitiesAndTheirBotsStillAnswer() async throws {
            try await Fixture.with(class: "e2econf", basePort: 21300) { fixture in
                try fixture.writeBot("held")
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                try await Fixture.waitForAnswer("held", port: try #require(ports["held"]))
                let pool = try #require(try fixture.pools().first)
                let format = "{{json .HostConfig.CapDrop}} {{json .HostConfig.CapAdd}} {{json .HostConfig.SecurityOpt}} "
                    + "{{.HostConfig.PidsLimit}} {{.HostConfig.MemorySwap}} {{.HostConfig.Memory}} {{.HostConfig.ReadonlyRootfs}}"
                let inspect = try Command.run("docker", ["inspect", "-f", format, pool]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(inspect == #"["ALL"] ["SETUID","SETGID","KILL"] ["no-new-privileges"] 4096 1073741824 1073741824 true"#,
                        "\(inspect)")
                let image = try Command.run("docker", ["exec", pool, "sh", "-c", "touch /usr/local/lib/planted"])
                #expect(image.status != 0, "the image's files were writable")
                let scratch = try Command.run("docker", ["exec", pool, "sh", "-c", "touch /tmp/scratch"])
                #expect(scratch.status == 0, "\(scratch.stderr)")
                // What the processes really hold: supervisord (root) KILL, SETGID and SETUID only
                // (bits 5, 6, 7); the bot, as its own uid, nothing.
                let supervisord = try Command.run("docker", ["exec", pool, "grep", "-E", "^Cap(Eff|Bnd)", "/proc/1/status"]).stdout
                #expect(supervisord.split(separator: "\n").allSatisfy { $0.hasSuffix("00000000000000e0") }, "\(supervisord)")
                let port = try #require(ports["held"])
                let pid = try #require(try await fixture.pids()["held"])
                let bot = try Command.run("docker", ["exec", pool, "grep", "-E", "^(Uid|Gid|CapEff|CapPrm)", "/proc/\(pid)/status"]).stdout
                let uid = 100_000 + port
                #expect(bot.contains("Uid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)"), "\(bot)")
                #expect(bot.contains("Gid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)"), "\(bot)")
                #expect(bot.contains("CapEff:\t0000000000000000") && bot.contains("CapPrm:\t0000000000000000"), "\(bot)")
                // The bot's data is its own; the directories above it can be passed, not listed.
                for (path, mode, owner) in [(fixture.state + "/tenants", 0o711, 0), (fixture.dataDir("held"), 0o710, uid),
                                            (fixture.dataDir("held") + "/server.py", 0o600, uid)] {
                    let attributes = try FileManager.default.attributesOfItem(atPath: path)
                    let found = attributes[.posixPermissions] as? Int
                    #expect(found == mode, "\(path): \(String(found ?? 0, radix: 8))")
                    #expect(attributes[.ownerAccountID] as? Int == owner, "\(path): owner \(attributes[.ownerAccountID] ?? "?")")
                }
            }
        }
    }
}
