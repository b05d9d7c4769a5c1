@testable import BotpoolController
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /api/v1/reconcile` and the ledger behind it: the answer is the first pass that started
/// after the request, never one already running; only the operator may ask.
@Suite struct ReconcileRouteTests {
    /// Stands in for the daemon's loop: each request starts one pass, which finishes at once.
    func app(ledger: PassLedger) -> some ApplicationProtocol {
        var server = StatusServer(host: "127.0.0.1", port: 0, token: "op", tenantTokens: ["alice": "al1ce"],
                                  store: StatusStore(), metrics: ControllerMetrics())
        server.ledger = ledger
        server.reconcile = { wait in
            let ticket = await ledger.request(at: Date())
            Task {
                let number = await ledger.begin()
                await ledger.finish(PassReport(number: number, reason: "reconcile requested", startedAt: Date(),
                                               finishedAt: Date(), actions: 2, converged: true))
            }
            return wait ? await ledger.report(after: ticket, timeout: .seconds(30)) : nil
        }
        return Application(router: server.router())
    }

    func post(_ client: some TestClientProtocol, _ uri: String, token: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: token.map { [.authorization: "Bearer \($0)"] } ?? [:])
    }

    @Test func theOperatorGetsThePassItAskedForAndTheStatusShowsIt() async throws {
        let ledger = PassLedger()
        try await app(ledger: ledger).test(.router) { client in
            let answer = try await post(client, "/api/v1/reconcile", token: "op")
            #expect(answer.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any]
            let pass = try #require(body?["pass"] as? [String: Any], "\(body ?? [:])")
            #expect(pass["number"] as? Int == 1 && pass["actions"] as? Int == 2 && pass["converged"] as? Bool == true)
            #expect(pass["reason"] as? String == "reconcile requested")

            let status = try await client.execute(uri: "/api/v1/status", method: .get, headers: [.authorization: "Bearer op"])
            let snapshot = try JSONSerialization.jsonObject(with: Data(buffer: status.body)) as? [String: Any]
            let reconcile = try #require(snapshot?["reconcile"] as? [String: Any])
            #expect(reconcile["requestedAt"] is String)
            #expect((reconcile["pass"] as? [String: Any])?["number"] as? Int == 1)

            let started = try await post(client, "/api/v1/reconcile?wait=false", token: "op")
            #expect(started.status == .accepted)
            #expect(try await post(client, "/api/v1/reconcile", token: "al1ce").status == .forbidden)
            #expect(try await post(client, "/api/v1/reconcile", token: nil).status == .unauthorized)
        }
    }

    @Test func aPassAlreadyRunningDoesNotAnswerARequestMadeDuringIt() async throws {
        let ledger = PassLedger()
        let running = await ledger.begin()
        let ticket = await ledger.request(at: Date())
        await ledger.finish(PassReport(number: running, reason: "resync", startedAt: Date(), finishedAt: Date()))
        #expect(await ledger.report(after: ticket, timeout: .milliseconds(200)) == nil)
        #expect(await ledger.requested?.pass == nil)
        // A second request before the next pass shares its ticket.
        #expect(await ledger.request(at: Date()) == ticket)
        let next = await ledger.begin()
        await ledger.finish(PassReport(number: next, reason: "reconcile requested", startedAt: Date(), finishedAt: Date(),
                                       failedActions: 1))
        let report = try #require(await ledger.report(after: ticket, timeout: .seconds(5)))
        #expect(report.number == 2 && !report.succeeded)
        #expect(await ledger.requested?.pass?.number == 2)
    }
}
