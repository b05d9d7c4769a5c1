@testable import BotpoolController
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct StatusServerTests {
    let store = StatusStore()
    let metrics = ControllerMetrics()

    func app(token: String?) -> some ApplicationProtocol {
        Application(router: StatusServer(host: "127.0.0.1", port: 0, token: token, store: store, metrics: metrics).router())
    }

    @Test func healthzNeedsNoToken() async throws {
        try await app(token: "s3cret").test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "ok\n")
        }
    }

    @Test(arguments: ["/readyz", "/metrics", "/api/v1/status"])
    func everythingElseAnswers401WithoutTheToken(path: String) async throws {
        try await app(token: "s3cret").test(.router) { client in
            #expect(try await client.execute(uri: path, method: .get).status == .unauthorized)
            let wrong = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test func theSchemeIsCaseInsensitiveAndTheTokenIsNot() {
        #expect(BearerTokenMiddleware.matches("Bearer s3cret", token: "s3cret"))
        #expect(BearerTokenMiddleware.matches("bearer s3cret", token: "s3cret"))
        #expect(BearerTokenMiddleware.matches("BEARER s3cret", token: "s3cret"))
        #expect(!BearerTokenMiddleware.matches("bearer S3CRET", token: "s3cret"))
        #expect(!BearerTokenMiddleware.matches("Basic s3cret", token: "s3cret"))
        #expect(!BearerTokenMiddleware.matches("bearer", token: ""))
    }

    @Test func noTokenConfiguredLocksEverythingButHealthz() async throws {
        try await app(token: nil).test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer "])
            #expect(response.status == .unauthorized)
        }
    }

    @Test func readyzTurnsReadyAfterTheFirstPass() async throws {
        try await app(token: "t").test(.router) { client in
            let before = try await client.execute(uri: "/readyz", method: .get, headers: [.authorization: "Bearer t"])
            #expect(before.status == .serviceUnavailable)
            await store.publish(StatusSnapshot(
                generatedAt: Date(),
                lastPass: PassSummary(finishedAt: Date(), durationSeconds: 0.1, actions: 2, failedActions: 0)
            ))
            let after = try await client.execute(uri: "/readyz", method: .get, headers: [.authorization: "Bearer t"])
            #expect(after.status == .ok)
        }
    }

    @Test func statusAndMetricsServeWithTheToken() async throws {
        await store.publish(StatusSnapshot(
            generatedAt: Date(timeIntervalSince1970: 0),
            bots: [BotView(name: "btc", tenant: "alice", pool: "botpool-q.alice-0", port: 9100, phase: "Running")]
        ))
        metrics.setPools((0..<3).map {
            PoolView(name: "botpool-q.alice-\($0)", poolClass: "q", tenant: "alice", index: $0, basePort: 9000, state: "running",
                     bots: 1, capacity: 10, templateHash: "t")
        }, memoryLimits: [:])
        metrics.recordAction(kind: "placeBot", succeeded: true)
        try await app(token: "t").test(.router) { client in
            let status = try await client.execute(uri: "/api/v1/status", method: .get, headers: [.authorization: "Bearer t"])
            #expect(status.status == .ok)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let snapshot = try decoder.decode(StatusSnapshot.self, from: Data(buffer: status.body))
            #expect(snapshot.bots.first?.port == 9100)
            #expect(snapshot.bots.first?.phase == "Running")

            let text = String(buffer: try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer t"]).body)
            #expect(text.contains("botpool_pools 3"))
            #expect(text.contains(#"botpool_actions_total{kind="placeBot",result="success"} 1"#))
        }
    }

    @Test func poolMemoryGaugesFollowThePoolsMeasured() {
        let pools = ["a", "b"].map {
            PoolView(name: "botpool-q.\($0)-0", poolClass: "q", tenant: $0, index: 0, basePort: 9000, state: "running",
                     bots: 1, capacity: 10, templateHash: "t")
        }
        metrics.setPoolMemory(["botpool-q.a-0": PoolMemory(pssBytes: 1_048_576, processes: 3),
                               "botpool-q.b-0": PoolMemory(pssBytes: 2_097_152, processes: 4)], pools: pools)
        let both = metrics.render()
        #expect(both.contains(#"botpool_pool_memory_pss_bytes{pool="botpool-q.a-0",class="q",tenant="a"} 1048576"#), "\(both)")
        #expect(both.contains(#"botpool_pool_processes{pool="botpool-q.b-0",class="q",tenant="b"} 4"#), "\(both)")
        metrics.setPoolMemory(["botpool-q.b-0": PoolMemory(pssBytes: 4_194_304, processes: 5)], pools: pools)
        let one = metrics.render()
        #expect(!one.contains("botpool-q.a-0"), "a pool no longer measured must stop being reported:\n\(one)")
        #expect(one.contains(#"botpool_pool_memory_pss_bytes{pool="botpool-q.b-0",class="q",tenant="b"} 4194304"#))
    }
}
