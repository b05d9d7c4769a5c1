import BotpoolManifest
import Foundation
@testable import BotpoolPlanner
import Testing

@Suite struct PlanRendererTests {
    let ft = Fixture.poolClass(maxBots: 2)

    var plan: Plan {
        let a = Fixture.bot("a")
        let pools = [Fixture.pool(ft, index: 0, [Fixture.program(a, slot: 0, process: .exited, exitStatus: 1), Fixture.program(Fixture.bot("old"), slot: 1)])]
        return Fixture.plan([ft], [a, Fixture.bot("b"), Fixture.bot("c")], pools, allowMassDelete: true)
    }

    @Test func textReadsLikeTerraformPlan() {
        #expect(PlanRenderer.text(plan) == """
        # pool botpool-ft.alice-0 (class ft, tenant alice, index 0)
            - remove alice/old slot 1 (port 9001): manifest removed (data kept)
            ~ restart alice/a slot 0 (port 9000): process EXITED: exit 1
        # pool botpool-ft.alice-1 (class ft, tenant alice, index 1)
            + create pool: room for new bots
            + place alice/b slot 0 (port 9002): new bot
            + place alice/c slot 1 (port 9003): new bot

        Plan: 1 pool to create, 2 bots to place, 1 to restart, 1 to remove.

        """)
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!PlanRenderer.text(plan).contains("\u{1B}["))
        #expect(PlanRenderer.text(plan, color: true).contains("\u{1B}[32m  + place alice/b"))
    }

    @Test func emptyAndRefusedPlansSaySo() {
        #expect(PlanRenderer.text(Plan()) == "No changes. Pools and bots match the manifests.\n")
        let refused = Fixture.plan([ft], [], [Fixture.pool(ft, [Fixture.program(Fixture.bot("a"), slot: 0)])])
        let text = PlanRenderer.text(refused)
        #expect(text.hasPrefix("Refused: would remove 1 of 1 running bots"))
        #expect(text.contains("  - remove alice/a slot 0 (port 9000): manifest removed (data kept)"))
    }

    @Test func summaryNamesOptionalKindsOnlyWhenPresent() {
        var summary = PlanSummary([])
        #expect(PlanRenderer.summaryLine(summary) == "Plan: 0 pools to create, 0 bots to place, 0 to restart, 0 to remove.")
        summary.poolsToCreate = 2
        summary.botsToPlace = 14
        summary.botsToRestart = 1
        summary.botsToStop = 3
        #expect(PlanRenderer.summaryLine(summary) == "Plan: 2 pools to create, 14 bots to place, 3 to stop, 1 to restart, 0 to remove.")
    }

    @Test func jsonHasStableFieldNames() throws {
        let json = try PlanRenderer.json(plan)
        #expect(json.contains("\"kind\" : \"placeBot\""))
        #expect(json.contains("\"class\" : \"ft\""))
        #expect(json.contains("\"dependsOn\" : [\n        1\n      ]"))
        #expect(json.contains("\"botsToPlace\" : 2"))
        #expect(json.contains("\"refused\" : null"))
        #expect(try PlanRenderer.json(plan) == json)
    }

    /// The typed subject is written flat (docs/plan-json.md): `bot`, `slot`, `port` on bot
    /// actions only, and it reads back as it was.
    @Test func actionsKeepTheirFlatJSON() throws {
        let pool = PoolTarget(name: "botpool-ft.alice-0", poolClass: "ft", tenant: "alice", index: 0)
        let place = Action(id: 1, kind: .placeBot, pool: pool,
                           subject: .bot(.init(id: BotID(tenant: "alice", name: "a"), slot: 2, port: 9002)), reason: "new bot")
        let create = Action(id: 0, kind: .createPool, pool: pool, reason: "room")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let placed = String(decoding: try encoder.encode(place), as: UTF8.self)
        #expect(placed.contains(#""bot":{"name":"a","tenant":"alice"}"#) && placed.contains(#""port":9002"#)
                && placed.contains(#""slot":2"#), "\(placed)")
        let created = String(decoding: try encoder.encode(create), as: UTF8.self)
        #expect(!created.contains(#""bot""#) && !created.contains(#""slot""#) && !created.contains(#""port""#), "\(created)")
        for action in [place, create] {
            #expect(try JSONDecoder().decode(Action.self, from: try encoder.encode(action)) == action)
        }
    }
}
