import BotpoolController
import DockerTestSupport
import Foundation
import Testing

extension E2E {
    /// Issue 14, "preload that learns": ten FreqTrade webserver bots placed in one pass on a fresh
    /// state dir, exec'd and then forked by a zygote with `preload: auto`, in the same test: the
    /// zygote learns from a warm-up run before the first fork, so all ten share what it learned.
    @Suite(.serialized) struct FreqtradePreloadAuto {
        static let execClass = "e2eftx"
        static let learningClass = "e2eftl"
        static let execPort = 19700
        static let learningPort = 19740
        static let bots = (0..<10).map { "ft-\($0)" }
        /// The goal for 10 webserver bots is 0.27 (the curated 20-module list measured
        /// 0.27). bench/fork measures it (0.234); this test's own runs measured 0.2685, so it
        /// asserts the goal with 10 % headroom, which PSS noise on a loaded machine does not
        /// cross and a pool that learns nothing (0.995) fails by far.
        static let goal = 0.27 * 1.1

        static func poolClass(_ name: String, basePort: Int, maxPools: Int, runtime: String) -> String {
            """
            apiVersion: botpool/v1
            kind: PoolClass
            metadata:
              name: \(name)
            spec:
              image: botpool/freqtrade:dev
              maxBots: 10
              maxPools: \(maxPools)
              memoryLimit: 6Gi
              basePort: \(basePort)
              publish: 127.0.0.1
            \(runtime)
            """
        }

        static let learningRuntime = """
              runtime:
                fork:
                  python: /opt/freqtrade/bin/python3
                  preload: auto

            """

        /// Places the bots in one pass and waits until each answers; the pool's summed PSS.
        static func placeTenAndMeasure(_ fixture: Fixture, poolClass: String, basePort: Int) async throws -> Double {
            for bot in bots { try fixture.write("\(bot).yaml", FreqtradeForkPool.bot(bot, poolClass: poolClass)) }
            let started = Date()
            try fixture.converge()
            for index in bots.indices {
                let pong = try await Poll.until("\(bots[index]) to answer /api/v1/ping", seconds: 400) {
                    try Fixture.get(port: basePort + index, path: "/api/v1/ping")
                }
                #expect(pong.contains("pong"))
            }
            try await Task.sleep(for: .seconds(3))  // start-up allocations settle, as bench/fork waits
            let pss = try FreqtradeForkPool.summedPSS(container: "botpool-\(poolClass).alpha-0")
            print("\(poolClass): 10 bots up in \(Int(Date().timeIntervalSince(started))) s, pool PSS \(Int(pss / 1_048_576)) MiB")
            return pss
        }

        @Test func tenBotsOfALearningClassReachTheGoalAndTheNextPoolStartsWithWhatWasLearned() async throws {
            var execPSS = 0.0
            try await Fixture.with(class: Self.execClass, basePort: Self.execPort) { fixture in
                try fixture.write("class.yaml", Self.poolClass(Self.execClass, basePort: Self.execPort, maxPools: 1, runtime: ""))
                execPSS = try await Self.placeTenAndMeasure(fixture, poolClass: Self.execClass, basePort: Self.execPort)
            }
            try await Fixture.with(class: Self.learningClass, basePort: Self.learningPort) { fixture in
                try fixture.write("class.yaml", Self.poolClass(Self.learningClass, basePort: Self.learningPort, maxPools: 2,
                                                               runtime: Self.learningRuntime))
                let forkPSS = try await Self.placeTenAndMeasure(fixture, poolClass: Self.learningClass, basePort: Self.learningPort)
                let ratio = forkPSS / execPSS
                print("preload: auto / exec PSS = \(ratio)")
                #expect(ratio <= Self.goal, "fork \(forkPSS) B vs exec \(execPSS) B")

                let first = "botpool-\(Self.learningClass).alpha-0"
                let layout = StateLayout(path: fixture.state)
                let learned = try #require(LearnedPreload.reported(by: first, pid: nil, layout: layout), "no learned list reported")
                #expect(learned.modules.count > 100, "learned only \(learned.modules)")
                #expect(learned.modules.contains("uvicorn.server"), "\(learned.modules.prefix(50))")
                #expect(learned.learnedBytes > 20 << 20)
                let zygoteLog = try Command.run("docker", ["exec", first, "cat", "/botpool/run/logs/zygote.botpool.log"]).stdout
                #expect(zygoteLog.contains("learned from the warm-up"), "\(zygoteLog)")
                #expect(zygoteLog.components(separatedBy: "warm-up pid").count == 2, "one warm-up only:\n\(zygoteLog)")
                let described = try Command.run(fixture.botpool, ["describe", "pool", first] + fixture.common).stdout
                #expect(described.contains("Learned:        \(learned.modules.count) modules; saves ~"), "\(described)")

                // An eleventh bot needs a second pool: the class keeps what the first learned, and
                // the second zygote starts with it instead of warming up.
                try fixture.write("ft-10.yaml", FreqtradeForkPool.bot("ft-10", poolClass: Self.learningClass))
                try fixture.converge()
                let recorded = try #require(LearnedPreload.recorded(for: Self.learningClass, layout: layout), "nothing kept")
                #expect(recorded.modules == learned.modules)
                _ = try await Poll.until("ft-10 to answer /api/v1/ping", seconds: 300) {
                    try Fixture.get(port: Self.learningPort + 10, path: "/api/v1/ping")
                }
                let second = "botpool-\(Self.learningClass).alpha-1"
                let secondLearned = try #require(LearnedPreload.reported(by: second, pid: nil, layout: layout))
                #expect(secondLearned.modules.count >= learned.modules.count * 9 / 10, "the trial may leave a few out")
                let secondLog = try Command.run("docker", ["exec", second, "cat", "/botpool/run/logs/zygote.botpool.log"]).stdout
                #expect(secondLog.contains("from /botpool/supervisor/zygote-learned.txt"), "\(secondLog)")
                #expect(!secondLog.contains("warm-up pid"), "\(secondLog)")
                #expect(try fixture.diff().status == 0, "learning must not change the template: a second pass plans nothing")
            }
        }
    }
}
