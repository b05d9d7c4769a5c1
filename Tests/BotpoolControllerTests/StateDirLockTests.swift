import BotpoolController
import Foundation
import Logging
import Testing

/// One writer per state dir: the second taker is told who holds it, and gets it once released.
@Suite struct StateDirLockTests {
    func temporaryStateDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)/state").path
    }

    @Test func theSecondTakerLearnsTheHolderAndGetsTheLockOnceItIsReleased() throws {
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        var first: StateDirLock? = try acquired(StateDirLock.tryAcquire(stateDir: dir, holder: "pid 1 (first)"))
        guard case .held(let owner) = try StateDirLock.tryAcquire(stateDir: dir, holder: "pid 2 (second)") else {
            Issue.record("the lock was taken twice")
            return
        }
        #expect(owner == "pid 1 (first)")
        let mode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        withExtendedLifetime(first) {}
        first = nil
        let second = try acquired(StateDirLock.tryAcquire(stateDir: dir, holder: "pid 2 (second)"))
        #expect(second != nil)
    }

    @Test func aStandbyWaitsAndTakesOverWhenTheHolderGoes() async throws {
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let holder = try acquired(StateDirLock.tryAcquire(stateDir: dir, holder: "pid 1 (holder)"))
        let standby = Task {
            try await StateDirLock.acquire(stateDir: dir, holder: "pid 2 (standby)", logger: Logger(label: "test"),
                                           every: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(100))
        withExtendedLifetime(holder) {}
        _ = consume holder
        let lock = try await standby.value
        #expect(lock.path.hasSuffix("/controller.lock"))
        let content = try String(contentsOfFile: lock.path, encoding: .utf8)
        #expect(content == "pid 2 (standby)\n")
    }

    @Test func cancellingAStandbyEndsItsWait() async throws {
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let holder = try acquired(StateDirLock.tryAcquire(stateDir: dir, holder: "holder"))
        let standby = Task {
            try await StateDirLock.acquire(stateDir: dir, holder: "standby", logger: Logger(label: "test"), every: .milliseconds(20))
        }
        standby.cancel()
        await #expect(throws: CancellationError.self) { _ = try await standby.value }
        withExtendedLifetime(holder) {}
    }

    private func acquired(_ attempt: StateDirLock.Attempt) throws -> StateDirLock? {
        guard case .acquired(let lock) = attempt else {
            Issue.record("expected to get the lock, got \(attempt)")
            return nil
        }
        return lock
    }
}
