import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// A pool runs untrusted code: no capabilities, no privilege gain, a process limit, no swap
    /// beyond its memory; and its bots still run and answer.
    @Suite struct Confinement {
        @Test func poolsRunWithoutCapabilitiesAndTheirBotsStillAnswer() async throws {
            try await Fixture.with(class: "e2econf", basePort: 21300) { fixture in
                try fixture.writeBot("held")
                let ports = Fixture.placements(try fixture.diffJSON().plan)
                try fixture.converge()
                try await Fixture.waitForAnswer("held", port: try #require(ports["held"]))
                let pool = try #require(try fixture.pools().first)
                let format = "{{json .HostConfig.CapDrop}} {{json .HostConfig.SecurityOpt}} {{.HostConfig.PidsLimit}} "
                    + "{{.HostConfig.MemorySwap}} {{.HostConfig.Memory}}"
                let inspect = try Command.run("docker", ["inspect", "-f", format, pool]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(inspect == #"["ALL"] ["no-new-privileges"] 4096 1073741824 1073741824"#, "\(inspect)")
                // What the processes really hold: no effective or bounding capability at all.
                let status = try Command.run("docker", ["exec", pool, "grep", "-E", "^Cap(Eff|Bnd)", "/proc/1/status"]).stdout
                #expect(status.split(separator: "\n").allSatisfy { $0.hasSuffix("0000000000000000") }, "\(status)")
                // Tenant data is readable by its owner only.
                for (path, mode) in [(fixture.state + "/tenants", 0o700), (fixture.dataDir("held"), 0o700),
                                     (fixture.dataDir("held") + "/server.py", 0o600)] {
                    let found = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                    #expect(found == mode, "\(path): \(String(found ?? 0, radix: 8))")
                }
            }
        }
    }
}
