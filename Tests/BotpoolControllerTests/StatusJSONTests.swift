@testable import BotpoolController
import Foundation
import NIOCore
import Testing

@Suite struct StatusJSONTests {
    static let at = Date(timeIntervalSince1970: 1_796_000_000)

    static func snapshot(bots: Int, pools: Int) -> StatusSnapshot {
        var snapshot = StatusSnapshot(
            generatedAt: at,
            lastPass: PassSummary(finishedAt: at, durationSeconds: 0.25, actions: 3, failedActions: 1, commit: "abc"),
            pools: (0..<pools).map { index in
                PoolView(name: "botpool-q.alice-\(index)", poolClass: "q", tenant: "alice", index: index, basePort: 9000,
                         state: "running", bots: 2, capacity: 20, templateHash: "t\(index)", runtime: "exec")
            },
            bots: (0..<bots).map { index in
                BotView(name: "bot-\(index)", tenant: "alice", pool: "botpool-q.alice-0", port: 9000 + index,
                        phase: index.isMultiple(of: 3) ? "CrashLoopBackOff" : "Running",
                        reason: index.isMultiple(of: 3) ? "exit 1 \"quoted\"\nnewline, [\n\n  ] braces" : nil,
                        restarts: index, nextRetryAt: index.isMultiple(of: 2) ? at : nil,
                        conditions: [Condition(type: "Ready", status: index % 3 != 0, since: at)],
                        trading: index == 1 ? TradingView(openTrades: 2, state: "running", dryRun: true) : nil)
            },
            diagnostics: ["a.yaml:1:1: error: spec: \"bots\" : [ ]"],
            events: [StatusEvent(time: at, object: "bot alice/bot-0", kind: "restart", message: "exit 1")]
        )
        snapshot.reconcile = nil
        return snapshot
    }

    func streamed(_ snapshot: StatusSnapshot, perChunk: Int) async throws -> (text: String, pieces: Int) {
        var text = ""
        var pieces = 0
        try await StatusJSON(snapshot).write(elementsPerChunk: perChunk) { text += String(buffer: $0); pieces += 1 }
        return (text, pieces)
    }

    @Test(arguments: [(0, 0), (1, 0), (0, 1), (1, 1), (25, 3), (250, 12)])
    func streamedAnswerIsWhatOneEncoderWrites(bots: Int, pools: Int) async throws {
        let snapshot = Self.snapshot(bots: bots, pools: pools)
        let whole = String(decoding: try StatusJSON.encoder().encode(snapshot), as: UTF8.self)
        let (text, _) = try await streamed(snapshot, perChunk: 7)
        #expect(text == whole)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(StatusSnapshot.self, from: Data(text.utf8)) == snapshot)
    }

    @Test func botsAndPoolsAreWrittenAChunkAtATime() async throws {
        // skeleton up to "bots", 250 / 100 -> 3 chunks, up to "pools", 12 / 100 -> 1 chunk, the rest.
        let (_, pieces) = try await streamed(Self.snapshot(bots: 250, pools: 12), perChunk: 100)
        #expect(pieces == 1 + 3 + 1 + 1 + 1)
    }
}
