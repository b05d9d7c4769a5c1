import AsyncAlgorithms
import Logging
import ServiceLifecycle

/// Runs a pass on every trigger and every `resync` interval, one at a time, until graceful
/// shutdown. Shutdown waits for the pass in progress: bots are never left half-placed by us.
public struct ReconcileLoop: Service {
    public var resync: Duration
    public var trigger: ReconcileTrigger
    public var logger: Logger
    public var pass: @Sendable (_ reason: String) async -> Void

    public init(resync: Duration, trigger: ReconcileTrigger, logger: Logger,
                pass: @escaping @Sendable (_ reason: String) async -> Void) {
        self.resync = resync
        self.trigger = trigger
        self.logger = logger
        self.pass = pass
    }

    public func run() async throws {
        let trigger = trigger
        let resync = resync
        trigger.request("start")
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                for await _ in AsyncTimerSequence(interval: resync, clock: .continuous).cancelOnGracefulShutdown() {
                    trigger.request("resync")
                }
            }
            group.addTask {
                try? await gracefulShutdown()
                trigger.finish()
            }
            for await reason in trigger.requests {
                logger.debug("pass requested", metadata: ["reason": "\(reason)"])
                await pass(reason)
            }
            group.cancelAll()
        }
    }
}
