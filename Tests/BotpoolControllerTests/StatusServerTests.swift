import BotpoolController
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
            bots: [BotView(name: "btc", tenant: "alice", pool: "botpool-q-alice-0", port: 9100, phase: "Running")]
        ))
        metrics.setPools(3)
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
}
