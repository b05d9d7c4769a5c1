import Foundation
import Logging
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// One writer per state dir: `botpool run` (daemon and `--once`) holds an exclusive `flock` on
/// `<state-dir>/controller.lock` for as long as it lives. Two controllers on one state dir would
/// each see the other's half-made pools as broken and replace them; the lock makes the second
/// one wait (daemon) or refuse (`--once`). The kernel drops the lock when the holder dies, even
/// by `kill -9`, so a crash never leaves the state dir locked. Read-only commands never take it.
public final class StateDirLock: Sendable {
    public static let fileName = "controller.lock"

    public enum Attempt: Sendable {
        case acquired(StateDirLock)
        /// Who holds it, as the holder wrote it into the file.
        case held(by: String)
    }

    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Takes the lock if it is free, and then writes who holds it into the file.
    public static func tryAcquire(stateDir: String, holder: String) throws(ControllerError) -> Attempt {
        do {
            try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ControllerError.file("cannot create the state dir \(stateDir): \(error.localizedDescription)")
        }
        let path = URL(fileURLWithPath: stateDir).appendingPathComponent(fileName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw ControllerError.file("cannot open \(path): \(String(cString: strerror(errno)).lowercased())")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let owner = readHolder(fd)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw ControllerError.file("cannot lock \(path): \(String(cString: strerror(code)).lowercased())")
            }
            return .held(by: owner.isEmpty ? "another process (it has not said who it is yet)" : owner)
        }
        let line = Data((holder + "\n").utf8)
        if ftruncate(fd, 0) == 0 {
            _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return .acquired(StateDirLock(path: path, descriptor: fd))
    }

    /// Waits as a standby until the lock is free, saying who holds it whenever that changes.
    /// Cancelling the task ends the wait with `CancellationError`.
    public static func acquire(
        stateDir: String, holder: String, logger: Logger, every interval: Duration = .seconds(1)
    ) async throws -> StateDirLock {
        var lastOwner: String?
        while true {
            switch try tryAcquire(stateDir: stateDir, holder: holder) {
            case .acquired(let lock):
                if lastOwner != nil { logger.notice("state dir lock taken over; this controller is active", metadata: ["lock": "\(lock.path)"]) }
                return lock
            case .held(let owner):
                if owner != lastOwner {
                    logger.notice("standby: another controller holds the state dir; waiting for it to stop",
                                  metadata: ["stateDir": "\(stateDir)", "holder": "\(owner)"])
                    lastOwner = owner
                }
            }
            try await Task.sleep(for: interval)
        }
    }

    /// `acquire`, ended by SIGTERM or SIGINT: nil then, so a standby told to stop exits cleanly.
    public static func acquireUnlessStopped(stateDir: String, holder: String, logger: Logger) async throws -> StateDirLock? {
        try await withThrowingTaskGroup(of: StateDirLock?.self) { group in
            group.addTask { try await acquire(stateDir: stateDir, holder: holder, logger: logger) }
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { break }
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Describes this process for the lock file: pid, host, command and start time.
    public static func describeThisProcess(command: String) -> String {
        let host = ProcessInfo.processInfo.hostName
        let started = ISO8601DateFormatter().string(from: Date())
        return "pid \(getpid()) on \(host) (\(command)) since \(started)"
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
