import Logging
import ServiceLifecycle

/// `botpool run --etcd`: the status server from the start (a follower answers it), and the
/// controller proper (`Daemon`) only once this controller leads. Nothing touches Docker or the
/// state dir before then. When the term ends, `run` throws `LeadershipLost`: the process exits
/// and its supervisor starts it again, as a follower. SIGTERM gives the lease back.
public struct ElectedDaemon: Sendable {
    public var leadership: any Leadership
    public var identity: LeaderRecord
    public var statusServer: StatusServer?
    public var store: StatusStore
    public var metrics: ControllerMetrics
    /// Builds the controller for a won term (its reconciler fenced by the term).
    public var controller: @Sendable (LeaderTerm) async throws -> Daemon
    public var logger: Logger

    public init(leadership: any Leadership, identity: LeaderRecord, statusServer: StatusServer?, store: StatusStore,
                metrics: ControllerMetrics, logger: Logger, controller: @escaping @Sendable (LeaderTerm) async throws -> Daemon) {
        self.leadership = leadership
        self.identity = identity
        self.statusServer = statusServer
        self.store = store
        self.metrics = metrics
        self.controller = controller
        self.logger = logger
    }

    public func run() async throws {
        metrics.setLeader(false)
        await store.setLeadership(LeadershipView(role: .follower, leader: nil))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: LeaderService(daemon: self))]
        if let statusServer {
            services.append(.init(service: statusServer.application(logger: logger)))
            logger.info("status server listening", metadata: ["address": "\(statusServer.host):\(statusServer.port)"])
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Campaigns, then runs the controller for as long as the term lasts.
private struct LeaderService: Service {
    let daemon: ElectedDaemon

    func run() async throws {
        let term: LeaderTerm
        do {
            term = try await cancelWhenGracefulShutdown { try await daemon.leadership.campaign() }
        } catch is CancellationError {
            daemon.logger.info("stopped while following")
            return
        }
        var leader = daemon.identity
        leader.epoch = term.epoch
        await daemon.store.setLeadership(LeadershipView(role: .leader, leader: leader))
        daemon.metrics.setLeader(true)
        do {
            var controller = try await daemon.controller(term)
            controller.statusServer = nil
            controller.term = term
            try await controller.run()
        } catch {
            daemon.metrics.setLeader(false)
            await daemon.leadership.resign()
            throw error
        }
        daemon.metrics.setLeader(false)
        await daemon.leadership.resign()
    }
}
