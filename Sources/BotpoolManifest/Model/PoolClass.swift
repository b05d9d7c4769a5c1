/// A `kind: PoolClass` manifest: the template for pool containers, with defaults filled in.
public struct PoolClass: Hashable, Sendable {
    public var name: String
    public var spec: PoolClassSpec
    public var source: SourceLocation

    public init(name: String, spec: PoolClassSpec, source: SourceLocation = .unknown) {
        self.name = name
        self.spec = spec
        self.source = source
    }
}

public struct PoolClassSpec: Hashable, Sendable {
    public var image: String
    /// Slots per pool, >= 1.
    public var maxBots: Int
    /// Docker memory limit of the pool container; nil means none (placement ignores memory).
    public var memoryLimit: ByteCount?
    public var cpus: Double?
    public var basePort: Int
    public var maxPools: Int
    /// Host IP that bot ports are published on; "" means not published.
    public var publish: String
    public var tenancy: Tenancy
    public var warmPools: Int
    /// An empty pool is removed after this many seconds (0 = at once).
    public var emptyPoolTTLSeconds: Int
    public var runtime: PoolRuntime
    /// Where a new pool goes on the swarm backend; a running pool never moves for it.
    public var nodePlacement: NodePlacement

    public init(
        image: String,
        maxBots: Int = 10,
        memoryLimit: ByteCount? = nil,
        cpus: Double? = nil,
        basePort: Int,
        maxPools: Int = 20,
        publish: String = "127.0.0.1",
        tenancy: Tenancy = .dedicated,
        warmPools: Int = 0,
        emptyPoolTTLSeconds: Int = 15 * 60,
        runtime: PoolRuntime = .exec,
        nodePlacement: NodePlacement = .pack
    ) {
        self.image = image
        self.maxBots = maxBots
        self.memoryLimit = memoryLimit
        self.cpus = cpus
        self.basePort = basePort
        self.maxPools = maxPools
        self.publish = publish
        self.tenancy = tenancy
        self.warmPools = warmPools
        self.emptyPoolTTLSeconds = emptyPoolTTLSeconds
        self.runtime = runtime
        self.nodePlacement = nodePlacement
    }

    /// Ports of this class: `basePort ... basePort + maxPools * maxBots - 1`.
    public var portRange: ClosedRange<Int> {
        basePort...(basePort + maxPools * maxBots - 1)
    }

    /// Port of a slot: `basePort + poolIndex * maxBots + slot`.
    public func port(poolIndex: Int, slot: Int) -> Int {
        basePort + poolIndex * maxBots + slot
    }
}

public enum Tenancy: String, Hashable, Sendable, CaseIterable {
    /// A pool holds bots of one tenant only.
    case dedicated
    case shared
}

public enum PoolRuntime: Hashable, Sendable {
    /// `preload: auto`, or an item of the preload list: learn what bots import.
    public static let learnWord = "auto"

    /// A dotted Python module name, as `preload` requires; also what a learned list may hold.
    public static func isModuleName(_ name: String) -> Bool {
        NameRules.moduleName(name) == nil
    }

    /// supervisord execs each bot's argv.
    case exec
    /// One preloaded interpreter forks each bot (issue [5/5]). `learns` (`preload: auto`, or
    /// `auto` in the list): the zygote also imports what its bots import after the fork, and
    /// botpool keeps that list per class for the next zygote (not part of the template hash).
    case fork(python: String, preload: [String], learns: Bool = false)
}
