import AsyncAlgorithms
import BotpoolClients
import Foundation
import Logging
import Synchronization

/// Leader election on a lease in etcd, as controller-runtime does it: the leader key
/// `/botpool/<name>/leader` exists only while its creator's lease lives; creating it when absent
/// (one transaction) is winning. etcd expires the lease, so no two clocks are compared.
public final class EtcdLeadership: Leadership {
    public struct Timing: Sendable {
        /// The lease's TTL: a follower can win only after the leader has not renewed for this long.
        public var leaseDuration: Duration
        /// A leader whose last successful renewal was sent longer ago than this stops acting.
        public var renewDeadline: Duration
        /// How often the leader renews and followers try; also each etcd call's timeout.
        public var retryPeriod: Duration

        public init(leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
                    retryPeriod: Duration = .seconds(2)) {
            self.leaseDuration = leaseDuration
            self.renewDeadline = renewDeadline
            self.retryPeriod = retryPeriod
        }
    }

    public let key: String
    public let identity: LeaderRecord
    public let timing: Timing
    private let client: Etcd.Client
    private let logger: Logger
    /// Told who leads whenever a follower sees that change (nil: nobody, or unreadable).
    private let onFollowing: @Sendable (LeaderRecord?) async -> Void
    private let held = Mutex<(lease: Int64, term: LeaderTerm, renewal: Task<Void, Never>)?>(nil)

    public static func key(name: String) -> String { "/botpool/\(name)/leader" }

    public init(client: Etcd.Client, key: String, identity: LeaderRecord, timing: Timing = Timing(), logger: Logger,
                onFollowing: @escaping @Sendable (LeaderRecord?) async -> Void = { _ in }) {
        var client = client
        client.timeout = timing.retryPeriod
        self.client = client
        self.key = key
        self.identity = identity
        self.timing = timing
        self.logger = logger
        self.onFollowing = onFollowing
    }

    public func campaign() async throws -> LeaderTerm {
        var lease: (id: Int64, renewedAt: ContinuousClock.Instant)?
        var lastHolder: LeaderRecord??
        var lastProblem: String?
        var record = identity
        record.since = ISO8601DateFormatter().string(from: Date())
        let value = try JSONEncoder().encode(record)
        while true {
            do {
                let sent = ContinuousClock.now
                // One lease for the whole campaign, kept alive while following.
                if let current = lease, try await client.keepAlive(current.id) > 0 {
                    lease = (current.id, sent)
                } else {
                    lease = (try await client.grant(ttl: Int(timing.leaseDuration.components.seconds)), sent)
                }
                guard let current = lease else { continue }
                switch try await client.campaign(key, value: value, lease: current.id) {
                case .won(let revision):
                    return lead(epoch: revision, lease: current.id, renewedAt: current.renewedAt)
                case .held(let holder) where holder?.lease == current.id:
                    // Our own put, whose answer was lost on an earlier try.
                    return lead(epoch: holder?.createRevision ?? 0, lease: current.id, renewedAt: current.renewedAt)
                case .held(let holder):
                    let leader = holder.map(Self.record)
                    if lastHolder.map({ $0 != leader }) ?? true {
                        logger.notice("follower: another controller leads; campaigning every retry period", metadata: [
                            "key": "\(key)", "leader": "\(leader?.identity ?? "unreadable")",
                            "epoch": "\(leader?.epoch ?? 0)"])
                        lastHolder = .some(leader)
                        await onFollowing(leader)
                    }
                }
                lastProblem = nil
            } catch {
                if lastProblem != error.description {
                    logger.warning("campaign failed; trying again", metadata: ["error": "\(error)"])
                    lastProblem = error.description
                }
            }
            try await Task.sleep(for: timing.retryPeriod)
        }
    }

    public func resign() async {
        guard let held = held.withLock({ state in defer { state = nil }; return state }) else { return }
        held.renewal.cancel()
        held.term.end("resigned")
        do {
            try await client.revoke(held.lease)
            logger.info("resigned: lease revoked", metadata: ["key": "\(key)"])
        } catch {
            logger.warning("resign: revoking the lease failed; it expires by itself", metadata: ["error": "\(error)"])
        }
    }

    private func lead(epoch: Int64, lease: Int64, renewedAt: ContinuousClock.Instant) -> LeaderTerm {
        let term = LeaderTerm(epoch: epoch, renewedAt: renewedAt, renewDeadline: timing.renewDeadline)
        logger.notice("leading", metadata: ["key": "\(key)", "epoch": "\(epoch)", "identity": "\(identity.identity)"])
        let renewal = Task { [client, timing, logger] in
            await Self.renew(term, lease: lease, client: client, every: timing.retryPeriod, logger: logger)
        }
        held.withLock { $0 = (lease, term, renewal) }
        return term
    }

    /// Renews every retry period until the term ends: at once when etcd says the lease is gone,
    /// after the renew deadline when renewals keep failing.
    private static func renew(_ term: LeaderTerm, lease: Int64, client: Etcd.Client, every period: Duration,
                              logger: Logger) async {
        for await _ in AsyncTimerSequence(interval: period, clock: .continuous) {
            let sent = ContinuousClock.now
            do {
                if try await client.keepAlive(lease) > 0 {
                    term.renewed(sentAt: sent)
                } else {
                    term.end("etcd no longer holds the lease (expired or revoked)")
                }
            } catch {
                logger.warning("lease renewal failed", metadata: ["error": "\(error)"])
            }
            if let reason = term.lossReason {
                term.end(reason)
                logger.critical("lost leadership", metadata: ["epoch": "\(term.epoch)", "reason": "\(reason)"])
                return
            }
        }
    }

    static func record(_ kv: Etcd.KeyValue) -> LeaderRecord {
        var record = (try? JSONDecoder().decode(LeaderRecord.self, from: kv.value))
            ?? LeaderRecord(identity: String(decoding: kv.value.prefix(200), as: UTF8.self))
        record.epoch = kv.createRevision
        return record
    }
}
