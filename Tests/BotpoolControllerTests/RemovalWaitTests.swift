import BotpoolController
import BotpoolManifest
import BotpoolPlanner
import Foundation
import InMemoryWorld
import Synchronization
import Testing

/// A WhenFlat bot whose manifest is deleted: the controller remembers its policy and login, so
/// the removal drains it and waits for its trades like an edit, and the bot stays watched and
/// addressable (`botpool restart --force`) until it is gone.
@Suite struct RemovalWaitTests {
    let ft = BotID(tenant: "alice", name: "ft")

    static func manifests(withFT: Bool) -> ManifestSet {
        var bots = ReconcilerTests.bots(3)
        if withFT {
            var spec = BotSpec(poolClass: "quick", command: ["freqtrade", "trade"],
                               env: [EnvVar(name: FreqtradeAPI.passwordVariable, value: .literal("secret"))])
            spec.freqtrade = FreqtradeAPI(username: "botpool")
            spec.disruption = Disruption(policy: .whenFlat, drainTimeoutSeconds: 600)
            bots.append(Bot(name: "ft", tenant: "alice", spec: spec))
        }
        return ManifestSet(poolClasses: [ReconcilerTests.poolClass], bots: bots)
    }

    @Test func removingTheManifestDrainsTheBotAndWaitsForItsTrades() async throws {
        let manifests = ReconcilerTests.Manifests(Self.manifests(withFT: true))
        let clock = ReconcilerTests.Clock()
        let trading = Mutex<[BotID: TradingState]>([:])
        let commands = Mutex<[String]>([])
        let store = StatusStore()
        let reconciler = Reconciler(
            backend: InMemoryBackend(), loadManifests: { manifests.load() },
            trading: { trading.withLock { $0 } },
            tradingCommand: { command, target in
                commands.withLock { $0.append("\(command) \(target.bot) \(target.credentials.username)") }
            },
            store: store, clock: { clock.read() })

        #expect(try await reconciler.pass().converged)
        manifests.set(Self.manifests(withFT: false))
        trading.withLock { $0[ft] = TradingState(openTrades: 2, openTradesAt: clock.read(), state: "running") }
        clock.advance(1)

        let draining = try await reconciler.pass()
        #expect(draining.plan.actions.map(\.kind) == [.drainBot])
        #expect(commands.withLock { $0 } == ["stopEntries alice/ft botpool"])
        let status = try #require(await store.snapshot?.bots.first { $0.name == "ft" })
        #expect(status.phase == "Terminating")
        #expect(await reconciler.tradingTargets().map(\.bot) == [ft])
        #expect(await reconciler.drainingBots() == [ft])

        // Still open: nothing happens. The bot is still the controller's to address.
        clock.advance(5)
        trading.withLock { $0[ft] = TradingState(openTrades: 1, openTradesAt: clock.read(), state: "paused") }
        #expect(try await reconciler.pass().plan.actions.isEmpty)
        _ = try await reconciler.request(.restart, bot: ft, force: false)

        clock.advance(5)
        trading.withLock { $0[ft] = TradingState(openTrades: 0, openTradesAt: clock.read(), state: "paused") }
        let removed = try await reconciler.pass()
        #expect(removed.plan.actions.map(\.kind) == [.removeBot])
        #expect(await store.snapshot?.bots.contains { $0.name == "ft" } == false)
        #expect(await reconciler.tradingTargets().isEmpty)
        // Gone with its program: the controller forgets it.
        await #expect(throws: ControllerError.self) { try await reconciler.request(.restart, bot: ft, force: true) }
    }

    @Test func forceRemovesItWithTradesOpen() async throws {
        let manifests = ReconcilerTests.Manifests(Self.manifests(withFT: true))
        let clock = ReconcilerTests.Clock()
        let reconciler = Reconciler(
            backend: InMemoryBackend(), loadManifests: { manifests.load() },
            trading: { [ft, clock] in [ft: TradingState(openTrades: 3, openTradesAt: clock.read(), state: "paused")] },
            tradingCommand: { _, _ in }, clock: { clock.read() })
        _ = try await reconciler.pass()
        manifests.set(Self.manifests(withFT: false))
        clock.advance(1)
        #expect(try await reconciler.pass().plan.disruptions.map(\.bot) == [ft])
        _ = try await reconciler.request(.restart, bot: ft, force: true)
        clock.advance(1)
        #expect(try await reconciler.pass().plan.actions.map(\.kind) == [.removeBot])
    }
}
