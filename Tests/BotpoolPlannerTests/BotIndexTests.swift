import BotpoolManifest
@testable import BotpoolPlanner
import Testing

@Suite struct BotIndexTests {
    /// Tenants in runs that come back (alice, bob, alice): every bot is found at its position.
    @Test func findsEveryBotWhenATenantsRunsAreInterleaved() {
        let bots = [
            Fixture.bot("a1", tenant: "alice"), Fixture.bot("a2", tenant: "alice"),
            Fixture.bot("b1", tenant: "bob"),
            Fixture.bot("a3", tenant: "alice"), Fixture.bot("b2", tenant: "bob"),
        ]
        let index = BotIndex(bots)
        for (position, bot) in bots.enumerated() {
            #expect(index[bot.id] == position, "\(bot.id)")
        }
        #expect(index.names(of: "alice") == ["a1": 0, "a2": 1, "a3": 3])
        #expect(index.names(of: "bob") == ["b1": 2, "b2": 4])
    }

    @Test func aNameIsFoundOnlyUnderItsOwnTenant() {
        let index = BotIndex([Fixture.bot("same", tenant: "alice"), Fixture.bot("other", tenant: "bob")])
        #expect(index[BotID(tenant: "bob", name: "same")] == nil)
        #expect(index[BotID(tenant: "carol", name: "same")] == nil)
        #expect(index.names(of: "carol").isEmpty)
        #expect(BotIndex()[BotID(tenant: "alice", name: "same")] == nil)
    }

    /// As the map from id to position it replaced: the last of two bots with one id wins.
    @Test func theLastOfTwoBotsWithOneIDWins() {
        let index = BotIndex([Fixture.bot("x", tenant: "alice"), Fixture.bot("y", tenant: "bob"), Fixture.bot("x", tenant: "alice")])
        #expect(index[BotID(tenant: "alice", name: "x")] == 2)
    }
}
