import Foundation

extension ForkPool {
    /// What adding bots to a pool cost: time until they answered and the pool's summed PSS.
    struct Growth: CustomStringConvertible {
        var firstUp: TimeInterval
        var restUp: TimeInterval
        var pssWithFirst: Int
        var pssWithAll: Int
        var extraBots: Int

        /// PSS each bot after the first added, in MB.
        var megabytesPerExtraBot: Double { Double(pssWithAll - pssWithFirst) / Double(extraBots) / 1024 }

        var description: String {
            String(format: "first bot up in %.2f s, %d more in %.2f s; summed PSS %d MB with 1 bot, %d MB with %d: %.1f MB per extra bot",
                   firstUp, extraBots, restUp, pssWithFirst / 1024, pssWithAll / 1024, extraBots + 1, megabytesPerExtraBot)
        }
    }

    /// Starts `bots[0]`, waits until `answers` says it is up, measures; then the same for the
    /// rest together. The bots must be configured with autostart=false.
    func grow(_ bots: [String], within seconds: Double, answers: @escaping (String) throws -> Bool) async throws -> Growth {
        func start(_ group: [String]) async throws -> (TimeInterval, Int) {
            let started = Date()
            for name in group {
                _ = try container.rpc("supervisor.startProcess", [.string(name), .bool(false)])
            }
            _ = try await poll(seconds: seconds) { try group.allSatisfy(answers) ? true : nil }
            let up = Date().timeIntervalSince(started)
            try await Task.sleep(for: .seconds(2))  // let start-up garbage settle
            return (up, try summedPSS())
        }
        let (firstUp, one) = try await start(Array(bots.prefix(1)))
        let (restUp, all) = try await start(Array(bots.dropFirst()))
        return Growth(firstUp: firstUp, restUp: restUp, pssWithFirst: one, pssWithAll: all, extraBots: bots.count - 1)
    }
}
