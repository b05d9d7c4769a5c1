import DockerTestSupport
import Foundation
import Testing

/// The Docker daemon restarted under a running controller: every pool container stops with it,
/// the controller waits out the outage and brings every bot back on its port with its data.
///
/// It stops every container on the daemon, so it must not run beside other Docker suites:
/// `make test` runs it alone, after the rest (`swift test --filter DockerdRestart`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["BOTPOOL_DOCKERD_RESTART"] == "1",
                             "stops every container: make test runs it alone with BOTPOOL_DOCKERD_RESTART=1"))
struct DockerdRestart {
    @Test func botsComeBackOnTheirPortsWithTheirData() async throws {
        try await Fleet.with(class: "fault7", basePort: 21240) { fleet in
            let before = try await fleet.snapshot()
            try await DockerDaemon.restart()
            try await fleet.expectHealed(after: "dockerd restarted", from: before, hit: Set(Fleet.bots.map(\.name)),
                                         replaced: Set(before.containers.keys))
        }
    }
}
