import Foundation

/// The netns lab of `scripts/swarm-lab` is one per machine (`/run/botpool-lab`): suites in
/// different test targets that use it (they run in one process, in parallel) take turns here.
/// An flock on its own open file, so a lab test in another process waits too (not the
/// script's own lock, which each `swarm-lab` call takes).
public enum SwarmLabLock {
    static let path = "/run/botpool-lab-tests.lock"

    /// Runs `body` holding the lab; waits (off the cooperative pool) while another holds it.
    public static func withLab<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            try await Task.sleep(for: .milliseconds(500))
        }
        defer { flock(fd, LOCK_UN) }
        return try await body()
    }
}
