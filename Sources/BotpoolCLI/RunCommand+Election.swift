import ArgumentParser
import BotpoolClients
import BotpoolController
import Foundation
import Logging

extension RunCommand {
    /// The daemon under `--etcd`: follow until elected, then lead until the term ends.
    func runElected(etcd: String, tokens: StatusTokens, options: Reconciler.Options, logger: Logger) async throws {
        let store = StatusStore()
        let metrics = ControllerMetrics()
        let identity = LeaderRecord(identity: "\(ProcessInfo.processInfo.hostName) pid \(getpid())",
                                    statusURL: election.statusURL(listen: listen, hostName: ProcessInfo.processInfo.hostName))
        let leadership = EtcdLeadership(
            client: try Etcd.Client(url: etcd), key: EtcdLeadership.key(name: election.electionName), identity: identity,
            timing: election.timing, logger: logger,
            onFollowing: { leader in await store.setLeadership(LeadershipView(role: .follower, leader: leader)) })
        logger.info("botpool controller starting as a candidate", metadata: [
            "etcd": "\(etcd)", "key": "\(leadership.key)", "identity": "\(identity.identity)",
            "manifests": "\(common.manifestsPath)", "stateDir": "\(common.stateDirPath)"])
        let elected = ElectedDaemon(
            leadership: leadership, identity: identity,
            statusServer: statusServer(tokens: tokens, store: store, metrics: metrics, memory: nil),
            store: store, metrics: metrics, logger: logger
        ) { term in
            var options = options
            options.fence = term
            do {
                return try await daemon(options: options, store: store, metrics: metrics, logger: logger)
            } catch {
                throw DaemonStartFailed(underlying: error)
            }
        }
        do {
            try await elected.run()
        } catch let lost as LeadershipLost {
            logger.critical("lost leadership; exiting so a supervisor restarts this controller as a follower",
                            metadata: ["reason": "\(lost.reason)"])
            throw ExitCode(1)
        } catch let error as DaemonStartFailed {
            logger.critical("cannot start", metadata: ["error": "\(error.underlying)"])
            throw ExitCode(2)
        }
    }
}

/// The controller could not be built (Docker unreachable, state dir unwritable).
struct DaemonStartFailed: Error {
    var underlying: any Error
}
