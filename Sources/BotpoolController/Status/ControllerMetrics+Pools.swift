import Prometheus

extension ControllerMetrics {
    /// Per pool of the last pass: `botpool_pool_bots` and, for a class with a `memoryLimit`,
    /// `botpool_pool_memory_limit_bytes` beside the PSS a scrape measures, so that the share of
    /// the limit a pool uses is one division. Gauges of pools no longer listed are removed.
    public func setPools(_ pools: [PoolView], memoryLimits: [String: Int64]) {
        registry.makeGauge(descriptor: Self.poolsName).set(Double(pools.count))
        poolGauges.withLock { gauges in
            var current: [String: [Gauge]] = [:]
            for pool in pools {
                let labels = Self.labels(pool)
                let bots = registry.makeGauge(
                    descriptor: Self.name("pool_bots", help: "Bots placed in the pool as of the last pass."), labels: labels)
                bots.set(Double(pool.bots))
                var made = [bots]
                if let limit = memoryLimits[pool.poolClass] {
                    let gauge = registry.makeGauge(
                        descriptor: Self.name("pool_memory_limit", unit: "bytes",
                                              help: "The memoryLimit of the pool's class: the container's memory limit."),
                        labels: labels)
                    gauge.set(Double(limit))
                    made.append(gauge)
                }
                current[pool.name] = made
            }
            Self.unregister(stale: gauges, keeping: current, from: registry)
            gauges = current
        }
    }

    /// Memory of each measured pool (`PoolMemorySampler`); gauges of pools not in `samples`
    /// are removed, so a deleted or stopped pool does not report its last value forever.
    public func setPoolMemory(_ samples: [String: PoolMemory], pools: [PoolView]) {
        poolMemoryGauges.withLock { gauges in
            var current: [String: [Gauge]] = [:]
            for pool in pools {
                guard let sample = samples[pool.name] else { continue }
                let labels = Self.labels(pool)
                let pss = registry.makeGauge(
                    descriptor: Self.name("pool_memory_pss", unit: "bytes",
                                          help: "Summed PSS of every process in the pool container, measured at scrape time."),
                    labels: labels)
                let processes = registry.makeGauge(
                    descriptor: Self.name("pool_processes", help: "Processes in the pool container, measured at scrape time."),
                    labels: labels)
                pss.set(Double(sample.pssBytes))
                processes.set(Double(sample.processes))
                current[pool.name] = [pss, processes]
            }
            Self.unregister(stale: gauges, keeping: current, from: registry)
            gauges = current
        }
    }

    static func labels(_ pool: PoolView) -> [(String, String)] {
        [("pool", pool.name), ("class", pool.poolClass), ("tenant", pool.tenant)]
    }

    /// Removes the gauges of `old` that `current` does not hold (the registry hands back the
    /// same gauge for the same name and labels, so a kept series is the same object).
    static func unregister(stale old: [String: [Gauge]], keeping current: [String: [Gauge]],
                           from registry: PrometheusCollectorRegistry) {
        for (key, gauges) in old {
            let kept = Set((current[key] ?? []).map(ObjectIdentifier.init))
            gauges.filter { !kept.contains(ObjectIdentifier($0)) }.forEach(registry.unregisterGauge)
        }
    }
}
