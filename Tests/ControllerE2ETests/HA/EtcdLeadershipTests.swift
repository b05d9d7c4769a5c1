import BotpoolClients
import BotpoolController
import Foundation
import Logging
import Synchronization
import Testing

extension E2E {
    /// Leader election against a real etcd 3.4 (its JSON gateway), started by the test.
    @Suite struct EtcdLeadershipTests {
        static let timing = EtcdLeadership.Timing(leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500),
                                                  retryPeriod: .milliseconds(300))

        static func candidate(_ server: EtcdServer, _ name: String, key: String) throws -> EtcdLeadership {
            EtcdLeadership(client: try server.client, key: key, identity: LeaderRecord(identity: name),
                           timing: timing, logger: Logger(label: "test.\(name)"))
        }

        @Test func aLeaseLivesWhileKeptAliveAndExpiresAfterItsTTL() async throws {
            try await EtcdServer.with { server in
                let client = try server.client
                let lease = try await client.grant(ttl: 2)
                #expect(lease > 1 << 53, "etcd's lease IDs pass 2^53: \(lease)")
                try await Task.sleep(for: .seconds(1))
                #expect(try await client.keepAlive(lease) == 2)
                try await Task.sleep(for: .milliseconds(3500))
                #expect(try await client.keepAlive(lease) == 0)
                #expect(try await client.revoke(lease) == false)
                let other = try await client.grant(ttl: 30)
                #expect(try await client.revoke(other) == true)
                #expect(try await client.keepAlive(other) == 0)
            }
        }

        @Test func aSecondCandidateWinsOnlyAfterTheFirstResignsOrItsLeaseExpires() async throws {
            try await EtcdServer.with { server in
                let key = EtcdLeadership.key(name: "t\(UUID().uuidString.prefix(6))")
                let first = try Self.candidate(server, "first", key: key)
                let firstTerm = try await first.campaign()
                #expect(firstTerm.isValid)

                let seen = LockedBox<LeaderRecord?>(nil)
                let second = EtcdLeadership(client: try server.client, key: key, identity: LeaderRecord(identity: "second"),
                                            timing: Self.timing, logger: Logger(label: "test.second"),
                                            onFollowing: { seen.set($0) })
                let campaigning = Task { try await second.campaign() }
                // Longer than the lease: the first renews, so the second must keep waiting.
                try await Task.sleep(for: .seconds(3))
                #expect(firstTerm.isValid)
                #expect(seen.value?.identity == "first")
                #expect(seen.value?.epoch == firstTerm.epoch)

                await first.resign()
                #expect(!firstTerm.isValid)
                let resigned = ContinuousClock.now
                let secondTerm = try await campaigning.value
                print("etcd: second candidate led \(ContinuousClock.now - resigned) after the first resigned")
                #expect(secondTerm.epoch > firstTerm.epoch)

                // A leader that dies leaves its key until its lease expires: a lease nobody renews.
                await second.resign()
                let dead = try server.client
                let deadLease = try await dead.grant(ttl: 2)
                let deadEpoch: Int64
                switch try await dead.campaign(key, value: Data(#"{"identity":"dead"}"#.utf8), lease: deadLease) {
                case .won(let revision): deadEpoch = revision
                case .held(let holder): Issue.record("key still held by \(String(describing: holder))"); return
                }
                #expect(deadEpoch > secondTerm.epoch)
                let third = try Self.candidate(server, "third", key: key)
                let started = ContinuousClock.now
                let thirdTerm = try await third.campaign()
                let waited = ContinuousClock.now - started
                print("etcd: third candidate led \(waited) after a dead leader's 2 s lease began")
                #expect(waited >= .milliseconds(1000), "won before the dead leader's lease could expire")
                #expect(thirdTerm.epoch > deadEpoch)
                await third.resign()
            }
        }

        @Test func aLeaderWhoseLeaseIsRevokedBehindItsBackLosesItsTerm() async throws {
            try await EtcdServer.with { server in
                let key = EtcdLeadership.key(name: "r\(UUID().uuidString.prefix(6))")
                let leader = try Self.candidate(server, "leader", key: key)
                let term = try await leader.campaign()
                let held = try #require(try await server.client.get(key))
                #expect(held.createRevision == term.epoch)
                #expect(try await server.client.revoke(held.lease))
                let noticed = Task { await term.lost() }
                try await Poll.until("the term to end", seconds: 10) { term.isValid ? nil : true }
                await noticed.value
                #expect(term.lossReason?.contains("no longer holds the lease") == true, "\(term.lossReason ?? "valid")")
            }
        }

        @Test func aLeaderCutOffFromEtcdStopsAtItsRenewDeadline() async throws {
            var leader: EtcdLeadership?
            var term: LeaderTerm?
            try await EtcdServer.with { server in
                let key = EtcdLeadership.key(name: "c\(UUID().uuidString.prefix(6))")
                let candidate = try Self.candidate(server, "leader", key: key)
                term = try await candidate.campaign()
                leader = candidate
            }
            // etcd is gone: renewals fail, and the term ends once the renew deadline has passed.
            let current = try #require(term)
            let started = ContinuousClock.now
            try await Poll.until("the term to end", seconds: 10) { current.isValid ? nil : true }
            print("etcd: term ended \(ContinuousClock.now - started) after etcd was killed (renew deadline 1.5 s)")
            #expect(current.lossReason?.contains("renew deadline") == true, "\(current.lossReason ?? "valid")")
            await leader?.resign()
        }
    }
}

/// A value set from a `@Sendable` callback and read by the test.
final class LockedBox<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    init(_ value: Value) { state = Mutex(value) }

    var value: Value { state.withLock { $0 } }

    func set(_ value: Value) { state.withLock { $0 = value } }
}
