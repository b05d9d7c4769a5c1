@testable import BotpoolController
import DockerTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `/bots/<tenant>/<name>/…` of the status server against a real HTTP server on loopback (the
/// bots' port): who may reach which bot, what crosses the proxy, and what the proxy answers itself.
@Suite struct BotProxyTests {
    let store = StatusStore()
    let upstream = LoopbackUpstream()
    static let tokens = ["alice": "al1ce", "bob": "b0b"]

    /// 20 s for a bot's answer: a loaded machine must not turn a normal answer into 504. The
    /// slow-bot case makes its own app with a short timeout.
    func app(limits: ProxyLimits = ProxyLimits(timeout: .seconds(20), maxResponseBytes: 1 << 20)) -> some ApplicationProtocol {
        Application(router: StatusServer(host: "127.0.0.1", port: 0, token: "op", tenantTokens: Self.tokens, store: store,
                                         metrics: ControllerMetrics(), proxyLimits: limits).router())
    }

    /// alice/a1 and bob/b1 run on the upstream's port; alice/down on a port nothing listens on;
    /// alice/off is stopped.
    func seed(port: Int) async throws {
        let dead = try Self.closedPort()
        await store.publish(StatusSnapshot(generatedAt: Date(), bots: [
            BotView(name: "a1", tenant: "alice", pool: "p-alice", port: port, phase: "Running"),
            BotView(name: "down", tenant: "alice", pool: "p-alice", port: dead, phase: "Running"),
            BotView(name: "off", tenant: "alice", pool: "p-alice", port: port + 1, phase: "Stopped", reason: "spec.state is stopped"),
            BotView(name: "b1", tenant: "bob", pool: "p-bob", port: port, phase: "Running"),
        ]), hosts: ["p-alice": "127.0.0.1", "p-bob": "127.0.0.1"])
    }

    func get(_ client: some TestClientProtocol, _ uri: String, token: String?, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if let token { headers[ProxyCredential.header] = token }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    func json(_ response: TestResponse) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
    }

    @Test func theOwnTenantGetsTheBotsAnswerWithItsAuthorizationAndWithoutBotpoolsToken() async throws {
        try await upstream.run { port in
            try await seed(port: port)
            try await app().test(.router) { client in
                let ping = try await get(client, "/bots/alice/a1/api/v1/ping", token: "al1ce")
                #expect(ping.status == .ok)
                #expect(String(buffer: ping.body) == #"{"status":"pong"}"#)
                #expect(ping.headers[.contentType] == "application/json")

                let echoed = try await client.execute(
                    uri: "/bots/alice/a1/echo/x?pair=BTC%2FUSDT&botpool_token=al1ce", method: .post,
                    headers: [ProxyCredential.header: "al1ce", .authorization: "Basic Ym90cG9vbDpzZWNyZXQ=",
                              .cookie: "botpool_token=al1ce; theme=dark", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"pair":"BTC/USDT"}"#))
                #expect(echoed.status == .created)
                #expect(echoed.headers[HTTPField.Name("X-Upstream")!] == "yes")
                #expect(echoed.headers[.setCookie] == nil, "a bot never sets cookies on the shared origin")
                let echo = try JSONDecoder().decode(LoopbackUpstream.Echo.self, from: Data(buffer: echoed.body))
                #expect(echo.method == "POST" && echo.body == #"{"pair":"BTC/USDT"}"#)
                #expect(echo.target == "/echo/x?pair=BTC%2FUSDT")
                #expect(echo.authorization == "Basic Ym90cG9vbDpzZWNyZXQ=")
                #expect(echo.botpoolToken == nil)
                #expect(echo.cookie == "theme=dark")
                #expect(echo.forwardedPrefix == "/bots/alice/a1")

                let root = try await client.execute(uri: "/bots/alice/a1/echo/gone", method: .delete, headers: [.cookie: "botpool_token=al1ce"])
                #expect(root.status == .created, "the cookie alone lets in")
                #expect(try JSONDecoder().decode(LoopbackUpstream.Echo.self, from: Data(buffer: root.body)).cookie == nil)
            }
        }
    }

    @Test func tokensReachTheirOwnTenantsBotsOnly() async throws {
        try await upstream.run { port in
            try await seed(port: port)
            try await app().test(.router) { client in
                #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: "b0b").status == .forbidden)
                #expect(try await get(client, "/bots/alice/nope/api/v1/ping", token: "b0b").status == .forbidden,
                        "another tenant's bot is 403 whether it exists or not")
                #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: nil).status == .unauthorized)
                #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: "al1c").status == .unauthorized)
                let bearer = try await client.execute(uri: "/bots/alice/a1/api/v1/ping", method: .get,
                                                      headers: [.authorization: "Bearer al1ce"])
                #expect(bearer.status == .unauthorized, "Authorization is the bot's, not botpool's")
                #expect(try await get(client, "/bots/bob/b1/api/v1/ping", token: "b0b").status == .ok)
                #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: "op").status == .ok)
                #expect(try await get(client, "/bots/bob/b1/api/v1/ping", token: "op").status == .ok)
            }
        }
    }

    @Test func anUnknownBotIs404AndOneThatIsNotUp503WithItsPhase() async throws {
        try await upstream.run { port in
            try await seed(port: port)
            try await app().test(.router) { client in
                let unknown = try await get(client, "/bots/alice/nope/api/v1/ping", token: "al1ce")
                #expect(unknown.status == .notFound)
                #expect(try json(unknown)["error"] == "no bot alice/nope")
                let off = try await get(client, "/bots/alice/off/api/v1/ping", token: "al1ce")
                #expect(off.status == .serviceUnavailable)
                #expect(try json(off) == ["error": "bot alice/off is Stopped", "phase": "Stopped", "reason": "spec.state is stopped"])
            }
        }
    }

    @Test func aBotThatIsDownSlowOrTooLargeIsABadGateway() async throws {
        try await upstream.run { port in
            try await seed(port: port)
            try await app().test(.router) { client in
                let down = try await get(client, "/bots/alice/down/api/v1/ping", token: "al1ce")
                #expect(down.status == .badGateway)
                #expect(down.headers[ProxyAnswer.marker] == "refused")
                #expect(try json(down)["error"]?.contains("connection refused") == true)
                let big = try await get(client, "/bots/alice/a1/big", token: "al1ce")
                #expect(big.status == .badGateway)
                #expect(try json(big)["error"] == "bot's response is larger than 1048576 bytes")
                try await app(limits: ProxyLimits(timeout: .seconds(1))).test(.router) { short in
                    let hang = try await get(short, "/bots/alice/a1/hang", token: "al1ce")
                    #expect(hang.status == .gatewayTimeout)
                }
                let tooLarge = try await client.execute(uri: "/bots/alice/a1/echo/x", method: .post,
                                                        headers: [ProxyCredential.header: "al1ce"],
                                                        body: ByteBuffer(repeating: 1, count: (1 << 20) + 1))
                #expect(tooLarge.status == .contentTooLarge)
            }
        }
    }

    /// Five of alice's requests hang in the bot: her sixth is 429 at once, while bob and the
    /// operator, each with a bucket of their own, still get through.
    @Test func aFloodPastTheLimitIs429WhileAnotherTenantGetsThrough() async throws {
        try await upstream.run { port in
            try await seed(port: port)
            try await app(limits: ProxyLimits(maxInflight: 5, timeout: .seconds(60))).test(.router) { client in
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<5 {
                        group.addTask { try await get(client, "/bots/alice/a1/slow", token: "al1ce").status }
                    }
                    try await upstream.gate.waitForArrivals(5)
                    let refused = try await get(client, "/bots/alice/a1/api/v1/ping", token: "al1ce")
                    #expect(refused.status == .tooManyRequests)
                    #expect(refused.headers[.retryAfter] == "1")
                    #expect(try await get(client, "/bots/bob/b1/api/v1/ping", token: "b0b").status == .ok)
                    #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: "op").status == .ok)
                    await upstream.gate.open()
                    var statuses: [HTTPResponse.Status] = []
                    for try await status in group { statuses.append(status) }
                    #expect(statuses == Array(repeating: .ok, count: 5))
                }
                #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: "al1ce").status == .ok, "slots come back")
            }
        }
    }

    @Test func aBrowserLogsInWithATenantTokenAndGetsAScopedCookie() async throws {
        try await upstream.run { port in
            try await seed(port: port)
            try await app().test(.router) { client in
                let login = try await get(client, "/bots/alice/a1/?botpool_token=al1ce&tab=trades", token: nil)
                #expect(login.status == .seeOther)
                #expect(login.headers[.location] == "/bots/alice/a1/?tab=trades")
                let cookie = try #require(login.headers[.setCookie])
                #expect(cookie == "botpool_token=al1ce; Path=/bots/alice/a1/; HttpOnly; SameSite=Strict")
                let value = try #require(cookie.split(separator: ";").first.map(String.init))
                #expect(try await get(client, "/bots/alice/a1/api/v1/ping", token: nil, headers: [.cookie: value]).status == .ok)

                #expect(try await get(client, "/bots/alice/a1/?botpool_token=op", token: nil).status == .forbidden,
                        "the operator's token never becomes a cookie on the shared origin")
                #expect(try await get(client, "/bots/alice/a1/?botpool_token=b0b", token: nil).status == .forbidden)
                let wrong = try await get(client, "/bots/alice/a1/?botpool_token=nope", token: nil)
                #expect(wrong.status == .unauthorized && wrong.headers[.setCookie] == nil)
            }
        }
    }

    @Test func aCookieCarriesTokensWithCharactersCookiesCannotHold() {
        let token = #"a;b,c"d\e=f"#
        let value = ProxyCredential.cookieValue(token)
        #expect(!value.contains(";") && !value.contains(",") && !value.contains("\"") && !value.contains("\\"))
        var fields = HTTPFields()
        fields[.cookie] = "x=1; \(ProxyCredential.cookie)=\(value)"
        let request = Request(head: .init(method: .get, scheme: "http", authority: "h", path: "/", headerFields: fields), body: .init(buffer: ByteBuffer()))
        #expect(ProxyCredential.token(in: request) == Array(token.utf8))
    }

    /// A TCP port on loopback that nothing listens on: bound to port 0, then closed.
    static func closedPort() throws -> Int {
        guard let port = LoopbackPort.unused() else { throw UpstreamGate.Failure.noPort }
        return port
    }
}
