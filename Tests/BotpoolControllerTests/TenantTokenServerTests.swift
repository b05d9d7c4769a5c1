@testable import BotpoolController
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `--tenant-tokens`: the operator's token sees everything; a tenant's token sees its own bots,
/// its own pools and their events, and gets 403 for anything of another tenant or controller-wide.
@Suite struct TenantTokenServerTests {
    let store = StatusStore()

    func app() -> some ApplicationProtocol {
        Application(router: StatusServer(
            host: "127.0.0.1", port: 0, token: "op", tenantTokens: ["alice": "al1ce", "bob": "b0b", "shared": "sh4red"],
            store: store, metrics: ControllerMetrics()).router())
    }

    func pool(_ name: String, tenant: String) -> PoolView {
        PoolView(name: name, poolClass: "q", tenant: tenant, index: 0, basePort: 9000, state: "running",
                 bots: 1, capacity: 10, templateHash: "t")
    }

    /// alice and bob each have a dedicated pool and a bot in the shared pool.
    func seed() async {
        await store.publish(StatusSnapshot(
            generatedAt: Date(timeIntervalSince1970: 0),
            lastPass: PassSummary(finishedAt: Date(timeIntervalSince1970: 0), durationSeconds: 0.1, actions: 4, failedActions: 0),
            pools: [pool("botpool-q-alice-0", tenant: "alice"), pool("botpool-q-bob-0", tenant: "bob"),
                    pool("botpool-s-shared-0", tenant: "shared")],
            bots: [BotView(name: "a1", tenant: "alice", pool: "botpool-q-alice-0", phase: "Running"),
                   BotView(name: "a2", tenant: "alice", pool: "botpool-s-shared-0", phase: "Running"),
                   BotView(name: "b1", tenant: "bob", pool: "botpool-q-bob-0", phase: "Running"),
                   BotView(name: "b2", tenant: "bob", pool: "botpool-s-shared-0", phase: "Running")],
            diagnostics: ["m/bob/x.yaml:3:9: error: metadata.name: \"secret-project\" is not a DNS-1123 label"]))
        for object in ["alice/a1", "bob/b1", "botpool-q-alice-0", "botpool-q-bob-0", "botpool-s-shared-0"] {
            await store.record(StatusEvent(time: Date(timeIntervalSince1970: 0), object: object, kind: "placeBot", message: "m"))
        }
    }

    func get(_ client: some TestClientProtocol, _ uri: String, token: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
    }

    func snapshot(_ response: TestResponse) throws -> StatusSnapshot {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(StatusSnapshot.self, from: Data(buffer: response.body))
    }

    @Test func theOperatorSeesEverything() async throws {
        await seed()
        try await app().test(.router) { client in
            let all = try snapshot(try await get(client, "/api/v1/status", token: "op"))
            #expect(all.bots.count == 4 && all.pools.count == 3 && all.diagnostics.count == 1 && all.events?.count == 5)
            #expect(try await get(client, "/metrics", token: "op").status == .ok)
            #expect(try await get(client, "/api/v1/bots/bob/b1", token: "op").status == .ok)
        }
    }

    @Test func aTenantSeesItsOwnBotsPoolsAndEventsOnly() async throws {
        await seed()
        try await app().test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/status", method: .get, headers: [.authorization: "bearer al1ce"])
            #expect(response.status == .ok)
            let mine = try snapshot(response)
            #expect(mine.bots.map(\.name) == ["a1", "a2"])
            #expect(mine.pools.map(\.name) == ["botpool-q-alice-0"])
            #expect(mine.events?.map(\.object) == ["alice/a1", "botpool-q-alice-0"])
            #expect(mine.diagnostics.isEmpty)
            #expect(mine.lastPass?.actions == 4)
        }
    }

    @Test func aBotOfAnotherTenantIs403WhetherItExistsOrNot() async throws {
        await seed()
        try await app().test(.router) { client in
            #expect(try await get(client, "/api/v1/bots/alice/a1", token: "al1ce").status == .ok)
            let bot = try await get(client, "/api/v1/bots/alice/a1", token: "al1ce")
            #expect(try JSONDecoder().decode(BotView.self, from: Data(buffer: bot.body)).pool == "botpool-q-alice-0")
            #expect(try await get(client, "/api/v1/bots/alice/nope", token: "al1ce").status == .notFound)
            #expect(try await get(client, "/api/v1/bots/bob/b1", token: "al1ce").status == .forbidden)
            #expect(try await get(client, "/api/v1/bots/bob/nope", token: "al1ce").status == .forbidden)
            #expect(try await get(client, "/api/v1/bots/bob/b1", token: "wrong").status == .unauthorized)
        }
    }

    @Test func controllerWideEndpoints() async throws {
        await seed()
        try await app().test(.router) { client in
            let metrics = try await get(client, "/metrics", token: "b0b")
            #expect(metrics.status == .forbidden)
            #expect(String(buffer: metrics.body).contains("operator"))
            #expect(try await get(client, "/readyz", token: "b0b").status == .ok)
            #expect(try await get(client, "/healthz", token: "nothing").status == .ok)
        }
    }

    /// A tenant that happens to be called `shared` does not see the shared pool others' bots run in.
    @Test func aTenantNamedSharedSeesNoSharedPool() async throws {
        await seed()
        try await app().test(.router) { client in
            let theirs = try snapshot(try await get(client, "/api/v1/status", token: "sh4red"))
            #expect(theirs.pools.isEmpty && theirs.bots.isEmpty && theirs.events == [])
        }
    }

    @Test func everyTokenIsComparedWhole() {
        let tokens = StatusTokens(operatorToken: "op", tenantTokens: ["alice": "al1ce", "bob": "al1ce-longer"])
        #expect(tokens.access(authorization: "Bearer op") == .everything)
        #expect(tokens.access(authorization: "BEARER al1ce") == .tenant("alice"))
        #expect(tokens.access(authorization: "Bearer al1ce-longer") == .tenant("bob"))
        #expect(tokens.access(authorization: "Bearer al1c") == nil)
        #expect(tokens.access(authorization: "Bearer al1ce ") == nil)
        #expect(tokens.access(authorization: "Basic al1ce") == nil)
        #expect(StatusTokens(operatorToken: nil).access(authorization: "Bearer ") == nil)
    }
}
