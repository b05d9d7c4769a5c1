import BotpoolClients
import BotpoolManifest
import Foundation

/// What the zygotes of a learning fork class (`preload: auto`) imported beyond their preload,
/// kept by the controller per class (`StateLayout.learnedPreloadPath`) so the next zygote of the
/// class starts with it instead of warming up. It comes from a pool's status file, so it is
/// hostile input: only module names are kept, at most `maxModules`; the zygote that receives
/// it imports a name only from its image's stdlib and site-packages (zygote_learning.py).
public struct LearnedPreload: Codable, Sendable, Equatable {
    public var modules: [String]
    /// How much the reporting zygote's anonymous memory grew when it imported `modules`: what
    /// each bot forked after learning shares instead of building its own copy.
    public var learnedBytes: Int
    /// The pool whose zygote reported it.
    public var pool: String?

    static let maxModules = 4000
    static let maxNameLength = 200

    public init(modules: [String], learnedBytes: Int, pool: String?) {
        self.modules = Self.valid(modules)
        self.learnedBytes = max(0, learnedBytes)
        self.pool = pool
    }

    /// The learned part of a zygote status file; nil when the zygote does not learn, or wrote
    /// it for another process than `pid` (when known).
    static func reported(in data: Data, pid: Int?, pool: String) -> LearnedPreload? {
        struct Status: Decodable {
            var pid: Int
            var learned: [String]?
            var learnedBytes: Int?
        }
        guard let status = try? JSONDecoder().decode(Status.self, from: data), let learned = status.learned,
              pid.map({ $0 == status.pid }) ?? true
        else { return nil }
        return LearnedPreload(modules: learned, learnedBytes: status.learnedBytes ?? 0, pool: pool)
    }

    /// What the zygote of `pool` reports, read bounded beneath the state dir.
    public static func reported(by pool: String, pid: Int?, layout: StateLayout) -> LearnedPreload? {
        let file = StateLayout.runPath(pool: pool) + "/" + Supervisor.ForkRuntime.statusFileName
        return layout.confined.read(file, maxBytes: ZygoteStatusFile.maxBytes)
            .flatMap { reported(in: $0, pid: pid, pool: pool) }
    }

    /// The class's record; nil when none was kept (or it was removed to start learning anew).
    public static func recorded(for poolClass: String, layout: StateLayout) -> LearnedPreload? {
        guard let data = layout.confined.read(StateLayout.learnedPreloadPath(poolClass: poolClass), maxBytes: ZygoteStatusFile.maxBytes),
              let record = try? JSONDecoder().decode(LearnedPreload.self, from: data)
        else { return nil }
        return LearnedPreload(modules: record.modules, learnedBytes: record.learnedBytes, pool: record.pool)
    }

    public func record(for poolClass: String, layout: StateLayout) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try layout.confined.makeDirectories(StateLayout.classPath(poolClass), permissions: 0o700)
        try layout.confined.write(try encoder.encode(self), at: StateLayout.learnedPreloadPath(poolClass: poolClass), permissions: 0o600)
    }

    /// The zygote's `--learned-file`: one name a line.
    var fileContents: Data {
        Data(modules.map { $0 + "\n" }.joined().utf8)
    }

    static func valid(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for name in names where kept.count < maxModules {
            if name.utf8.count <= maxNameLength, PoolRuntime.isModuleName(name), seen.insert(name).inserted {
                kept.append(name)
            }
        }
        return kept
    }
}
