import BotpoolController
import BotpoolManifest
import Synchronization
import Testing

@Suite struct ProbeSchedulerTests {
    final class Switchboard: Sendable {
        let healthy = Mutex<[String: Bool]>([:])
        let changes = Mutex<[String]>([])
        func set(_ name: String, _ value: Bool) { healthy.withLock { $0[name] = value } }
        func probe(_ target: ProbeTarget) -> Bool { healthy.withLock { $0[target.bot.name] ?? false } }
        func changed(_ reason: String) { changes.withLock { $0.append(reason) } }
    }

    func target(_ name: String, generation: String = "pid 1") -> ProbeTarget {
        ProbeTarget(bot: BotID(tenant: "t", name: name), host: "127.0.0.1", port: 1, path: "/", periodSeconds: 1,
                    timeoutSeconds: 1, failureThreshold: 2, initialDelaySeconds: 0, generation: generation)
    }

    func waitFor(_ condition: @Sendable () async -> Bool) async throws -> Bool {
        for _ in 0..<60 {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    @Test func healthAndThresholdCrossingsAreRecordedAndSignalled() async throws {
        let board = Switchboard()
        board.set("up", true)
        board.set("down", false)
        let scheduler = ProbeScheduler(probe: { board.probe($0) }, onChange: { board.changed($0) })
        let running = Task { await scheduler.run() }
        defer { running.cancel() }
        await scheduler.update([target("up"), target("down")])

        #expect(try await waitFor { await scheduler.health()[BotID(tenant: "t", name: "down")]?.consecutiveFailures ?? 0 >= 2 })
        let health = await scheduler.health()
        #expect(health[BotID(tenant: "t", name: "up")]?.lastSuccessAt != nil)
        #expect(health[BotID(tenant: "t", name: "up")]?.consecutiveFailures == 0)
        let changes = board.changes.withLock { $0 }
        #expect(changes.contains("probe of t/up succeeded"))
        #expect(changes.contains("probe of t/down failed 2/2"))
    }

    @Test func aNewProcessGenerationForgetsFailuresAndRemovedBotsStop() async throws {
        let board = Switchboard()
        let scheduler = ProbeScheduler(probe: { board.probe($0) }, onChange: { board.changed($0) })
        let running = Task { await scheduler.run() }
        defer { running.cancel() }
        let id = BotID(tenant: "t", name: "flaky")
        await scheduler.update([target("flaky")])
        #expect(try await waitFor { await scheduler.health()[id]?.consecutiveFailures ?? 0 >= 1 })

        board.set("flaky", true)
        await scheduler.update([target("flaky", generation: "pid 2")])
        #expect(try await waitFor { await scheduler.health()[id]?.lastSuccessAt != nil })
        #expect(await scheduler.health()[id]?.consecutiveFailures == 0)

        await scheduler.update([])
        #expect(await scheduler.health()[id] == nil)
    }
}

extension ProbeSchedulerTests {
    @Test func aSlowStarterIsProbedEverySecondUntilItAnswers() async throws {
        let board = Switchboard()
        let scheduler = ProbeScheduler(probe: { board.probe($0) }, onChange: { board.changed($0) })
        let running = Task { await scheduler.run() }
        defer { running.cancel() }
        var slowTarget = target("slow")
        slowTarget.periodSeconds = 60
        slowTarget.failureThreshold = 10
        let slow = slowTarget
        await scheduler.update([slow])
        try await Task.sleep(for: .milliseconds(300))
        board.set("slow", true)
        // With a 60 s period alone this would take a minute.
        #expect(try await waitFor { await scheduler.health()[slow.bot]?.lastSuccessAt != nil })
    }

    /// The extra startup probes do not shorten the grace a bot gets: a failure counts once a
    /// period, so a bot failing for a few seconds is not yet near its threshold.
    @Test func startupProbesCountFailuresOncePerPeriod() async throws {
        let board = Switchboard()
        let scheduler = ProbeScheduler(probe: { board.probe($0) }, onChange: { board.changed($0) })
        let running = Task { await scheduler.run() }
        defer { running.cancel() }
        var starting = target("starting")
        starting.periodSeconds = 30
        starting.failureThreshold = 3
        let late = starting
        await scheduler.update([late])
        #expect(try await waitFor { await scheduler.health()[late.bot]?.consecutiveFailures == 1 })
        try await Task.sleep(for: .milliseconds(2500))
        #expect(await scheduler.health()[late.bot]?.consecutiveFailures == 1, "startup probes counted every second")
        board.set("starting", true)
        #expect(try await waitFor { await scheduler.health()[late.bot]?.lastSuccessAt != nil }, "still probed every second")
    }
}
