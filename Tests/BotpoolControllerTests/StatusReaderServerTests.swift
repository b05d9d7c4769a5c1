@testable import BotpoolCLI
import BotpoolController
import Foundation
import Hummingbird
import Logging
import Testing

/// `get`/`describe --server`: the client side against a real status server on a free port.
@Suite struct StatusReaderServerTests {
    /// Runs the server on 127.0.0.1 with a port the kernel picks, for the duration of `body`.
    func withServer(token: String, store: StatusStore, _ body: (String) async throws -> Void) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = StatusServer(host: "127.0.0.1", port: 0, token: token, store: store, metrics: ControllerMetrics())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let app = Application(
            router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let running = Task { try await app.runService() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body("http://127.0.0.1:\(port)")
    }

    @Test func readsTheSnapshotWithItsEventsAndDescribesFromIt() async throws {
        let store = StatusStore()
        await store.publish(StatusCommandTests.snapshot)
        await store.record(StatusEvent(time: StatusCommandTests.now, object: "alice/eth", kind: "restartBot", message: "exit 1"))
        try await withServer(token: "s3cret", store: store) { url in
            let snapshot = try await StatusReader.server(url: url, token: "s3cret").snapshot()
            #expect(snapshot.bots.map(\.name) == ["btc-dca", "eth", "web"])
            #expect(snapshot.events?.map(\.object) == ["alice/eth"])
            let outcome = DescribeCommand.execute(kind: .bot, name: "eth", tenant: "alice", snapshot: snapshot,
                                                  logTail: .poolNotRunning, fromServer: true, now: StatusCommandTests.now)
            #expect(outcome.stdout.contains("0s    restartBot   exit 1"), "\(outcome.stdout)")
        }
    }

    @Test func aWrongTokenIsTheServersAnswer() async throws {
        try await withServer(token: "s3cret", store: StatusStore()) { url in
            await #expect(throws: CLIError.self) { try await StatusReader.server(url: url, token: "nope").snapshot() }
            do {
                _ = try await StatusReader.server(url: url, token: nil).snapshot()
                Issue.record("expected 401 without a token")
            } catch let error as CLIError {
                guard case .server(_, let status, _) = error else { throw error }
                #expect(status == 401)
            }
        }
    }

    /// A follower serves no bots: the reader follows its record of the leader (same token), and
    /// without a reachable leader says who leads.
    @Test func aFollowerHandsOverToTheLeadersStatus() async throws {
        let leaderStore = StatusStore()
        await leaderStore.publish(StatusCommandTests.snapshot)
        try await withServer(token: "s3cret", store: leaderStore) { leaderURL in
            await leaderStore.setLeadership(LeadershipView(role: .leader, leader: LeaderRecord(identity: "ctl-a pid 1", statusURL: leaderURL)))
            let followerStore = StatusStore()
            await followerStore.setLeadership(LeadershipView(role: .follower, leader: LeaderRecord(identity: "ctl-a pid 1", statusURL: leaderURL)))
            try await withServer(token: "s3cret", store: followerStore) { followerURL in
                let snapshot = try await StatusReader.server(url: followerURL, token: "s3cret").snapshot()
                #expect(snapshot.role == .leader && snapshot.bots.map(\.name) == ["btc-dca", "eth", "web"])
            }
            let orphan = StatusStore()
            await orphan.setLeadership(LeadershipView(role: .follower, leader: LeaderRecord(identity: "ctl-b pid 2", statusURL: "http://127.0.0.1:1")))
            try await withServer(token: "s3cret", store: orphan) { url in
                do {
                    _ = try await StatusReader.server(url: url, token: "s3cret").snapshot()
                    Issue.record("a follower with an unreachable leader answered")
                } catch let error as CLIError {
                    #expect("\(error)".contains("is a follower and serves no bots; the leader is ctl-b pid 2"), "\(error)")
                }
            }
        }
    }

    @Test func noServerIsAnErrorNamingTheURL() async {
        do {
            _ = try await StatusReader.server(url: "http://127.0.0.1:1", token: nil).snapshot()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("http://127.0.0.1:1: cannot connect"))
        }
    }
}
