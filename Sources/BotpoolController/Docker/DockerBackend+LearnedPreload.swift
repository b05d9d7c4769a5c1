import BotpoolClients
import Foundation

extension DockerBackend {
    /// The class's learned preload, brought up to date with what its pools' zygotes report:
    /// the longest list wins (a zygote started from the record reports the record again, one
    /// that warmed up reports what it learned). Called when a pool of the class is created,
    /// replaced or removed, so what a pool learned outlives it and reaches the next zygote.
    func keepLearnedPreload(of poolClass: String) throws -> LearnedPreload? {
        let recorded = LearnedPreload.recorded(for: poolClass, layout: layout)
        var best = recorded
        for pool in poolNames(of: poolClass) {
            guard let reported = LearnedPreload.reported(by: pool, pid: nil, layout: layout),
                  reported.modules.count > (best?.modules.count ?? 0)
            else { continue }
            best = reported
        }
        if let best, best != recorded {
            try best.record(for: poolClass, layout: layout)
            logger.info("kept learned preload", metadata: [
                "class": "\(poolClass)", "pool": "\(best.pool ?? "-")", "modules": "\(best.modules.count)",
            ])
        }
        return best
    }

    /// Pools with a directory (`pool.json`) of the class, running or not.
    private func poolNames(of poolClass: String) -> [String] {
        let poolsDir = layout.root.appendingPathComponent("pools").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: poolsDir)) ?? []
        return names.sorted().filter { name in
            guard let data = layout.confined.read(StateLayout.poolPath(name) + "/" + PoolMetadata.fileName, maxBytes: 64 << 10),
                  let metadata = try? JSONDecoder().decode(PoolMetadata.self, from: data)
            else { return false }
            return metadata.poolClass == poolClass
        }
    }
}
