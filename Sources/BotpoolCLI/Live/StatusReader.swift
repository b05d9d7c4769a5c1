import BotpoolController
import BotpoolTransport
import Foundation
import Logging

/// Where `get`, `describe` and `apply --wait` read the status from: Docker and supervisord
/// directly (a dry-run pass, which changes nothing), or a running daemon's `/api/v1/status`.
enum StatusReader: Sendable {
    case direct(CommonOptions)
    case server(url: String, token: String?)

    init(common: CommonOptions, server: ServerOptions) throws {
        if let url = server.server {
            self = .server(url: url, token: try TokenFile.read(server.tokenFile))
        } else {
            self = .direct(common)
        }
    }

    var isServer: Bool {
        if case .server = self { true } else { false }
    }

    func snapshot() async throws -> StatusSnapshot {
        switch self {
        case .direct(let common): try await Self.observe(common)
        case .server(let url, let token): try await Self.fetchFollowingTheLeader(url: url, token: token)
        }
    }

    /// A follower serves no bots: its status names the leader, and that leader's status is read
    /// instead (with the same token). Without a reachable leader the answer says who leads.
    static func fetchFollowingTheLeader(url: String, token: String?) async throws -> StatusSnapshot {
        let snapshot = try await fetch(url: url, token: token)
        guard snapshot.role == .follower else { return snapshot }
        guard let leader = snapshot.leader else { throw CLIError.follower(url: url, leader: nil, detail: "no controller leads yet") }
        guard let leaderURL = leader.statusURL, leaderURL != url else {
            throw CLIError.follower(url: url, leader: leader.identity, detail: "the leader has no status server")
        }
        do {
            let answer = try await fetch(url: leaderURL, token: token)
            guard answer.role != .follower else {
                throw CLIError.follower(url: leaderURL, leader: answer.leader?.identity, detail: "leadership is changing; try again")
            }
            return answer
        } catch let error as CLIError {
            if case .follower = error { throw error }
            throw CLIError.follower(url: url, leader: leader.identity, detail: "its status server \(leaderURL): \(error)")
        }
    }

    /// Two dry-run passes: the first finds the bots to probe, the second turns one probe of
    /// each into phases (without it every probed bot would show Starting).
    static func observe(_ common: CommonOptions) async throws -> StatusSnapshot {
        var logger = Logger(label: "botpool.status")
        logger.logLevel = .critical
        let probes = OneShotProbes()
        let trading = TradingWatch()
        let live = try await LiveController.connect(
            common, reconcile: .init(dryRun: true), logger: logger, health: { await probes.results },
            trading: { await trading.current() })
        _ = try await live.reconciler.pass(reason: "status")
        let targets = await live.reconciler.probeTargets()
        let traders = await live.reconciler.tradingTargets()
        if !targets.isEmpty || !traders.isEmpty {
            async let probed: Void = probes.probe(targets)
            async let read: Void = trading.readOnce(traders)
            _ = await (probed, read)
            _ = try await live.reconciler.pass(reason: "status")
        }
        var snapshot = await live.store.snapshot ?? StatusSnapshot(generatedAt: Date())
        if let memory = live.memory { await snapshot.measureMemory(with: memory) }
        return snapshot
    }

    /// One request to a daemon's status server with its bearer token; no answer is `CLIError.unreachable`.
    static func send(_ request: HTTPRequest, url: String, token: String?) async throws -> HTTPResponse {
        let transport: CurlTransport
        do {
            transport = try CurlTransport(endpoint: url)
        } catch {
            throw CLIError.unreachable(url: url, detail: "\(error)")
        }
        var request = request
        if let token { request.headers["Authorization"] = "Bearer \(token)" }
        do {
            return try await transport.send(request)
        } catch {
            throw CLIError.unreachable(url: url, detail: "\(error)")
        }
    }

    /// `GET <url>/api/v1/status` with the bearer token.
    static func fetch(url: String, token: String?, timeout: Duration = .seconds(10)) async throws -> StatusSnapshot {
        let response = try await send(HTTPRequest(path: "/api/v1/status", timeout: timeout), url: url, token: token)
        return try decode(StatusSnapshot.self, from: response, url: url)
    }

    /// A successful JSON answer of the daemon (ISO 8601 dates) as `type`; else a `CLIError`.
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, url: String) throws -> T {
        guard response.isSuccess else { throw CLIError.server(url: url, status: response.status, body: response.text) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: response.body)
        } catch {
            throw CLIError.malformedStatus(url: url, detail: "\(error)")
        }
    }
}
