import Foundation

/// What `/api/v1/status` serves and `get -o json` prints: the controller's view after its
/// last pass. Field names are part of the CLI's contract (README "Status and metrics").
public struct StatusSnapshot: Codable, Sendable, Equatable {
    public var generatedAt: Date
    public var lastPass: PassSummary?
    public var pools: [PoolView]
    public var bots: [BotView]
    /// Manifest problems found by the last load, as `file:line:col: error: path: message`.
    public var diagnostics: [String]
    /// Recent events, oldest first; only the status API fills them in (an absent key keeps
    /// older answers decodable).
    public var events: [StatusEvent]?
    /// Only with elected controllers (`--etcd`): `leader` or `follower`.
    public var role: LeadershipView.Role?
    /// Only with elected controllers: who leads (this one, when `role` is `leader`).
    public var leader: LeaderRecord?
    /// The last pass an operator asked for (`botpool reconcile`): when, and what it did. Only
    /// the status API fills it in.
    public var reconcile: RequestedPass?

    public init(generatedAt: Date, lastPass: PassSummary? = nil, pools: [PoolView] = [],
                bots: [BotView] = [], diagnostics: [String] = [], events: [StatusEvent]? = nil) {
        self.generatedAt = generatedAt
        self.lastPass = lastPass
        self.pools = pools
        self.bots = bots
        self.diagnostics = diagnostics
        self.events = events
    }
}

extension StatusSnapshot {
    /// Names of the pools whose container runs: the ones whose memory can be measured.
    public var runningPools: [String] {
        pools.filter { $0.state == "running" }.map(\.name)
    }

    /// Sets each running pool's `memory` from `sampler` (pools it cannot measure keep nil).
    public mutating func measureMemory(with sampler: PoolMemorySampler) async {
        let samples = await sampler.sample(pools: runningPools)
        for index in pools.indices {
            pools[index].memory = samples[pools[index].name]
        }
    }
}

public struct PassSummary: Codable, Sendable, Equatable {
    public var finishedAt: Date
    public var durationSeconds: Double
    public var actions: Int
    public var failedActions: Int
    /// Set when the plan was refused (mass-delete guard).
    public var refused: String?
    /// The commit HEAD named while the pass read the manifests; nil outside a Git checkout.
    public var commit: String?

    public init(finishedAt: Date, durationSeconds: Double, actions: Int, failedActions: Int, refused: String? = nil,
                commit: String? = nil) {
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.actions = actions
        self.failedActions = failedActions
        self.refused = refused
        self.commit = commit
    }
}

public struct PoolView: Codable, Sendable, Equatable {
    public var name: String
    public var poolClass: String
    public var tenant: String
    public var index: Int
    public var basePort: Int
    /// Docker's container state: running, exited, created, missing.
    public var state: String
    public var bots: Int
    public var capacity: Int
    public var templateHash: String
    /// `exec` or `fork`: what the running pool was configured with (a fork pool runs a
    /// zygote), or, for a pool that does not run, its class's runtime; nil when both are unknown.
    public var runtime: String?
    /// A fork pool's zygote.
    public var zygote: ZygoteView?
    /// Measured when the status is served (not by the pass); nil when not measured.
    public var memory: PoolMemory?

    public init(name: String, poolClass: String, tenant: String, index: Int, basePort: Int,
                state: String, bots: Int, capacity: Int, templateHash: String,
                runtime: String? = nil, zygote: ZygoteView? = nil, memory: PoolMemory? = nil) {
        self.name = name
        self.poolClass = poolClass
        self.tenant = tenant
        self.index = index
        self.basePort = basePort
        self.state = state
        self.bots = bots
        self.capacity = capacity
        self.templateHash = templateHash
        self.runtime = runtime
        self.zygote = zygote
        self.memory = memory
    }
}

/// A fork pool's zygote: supervisord's state of `zygote.botpool` and, once it serves, what it
/// preloaded and how long that took.
public struct ZygoteView: Codable, Sendable, Equatable {
    /// supervisord's state name: STARTING, RUNNING, BACKOFF, FATAL …
    public var state: String
    public var pid: Int?
    public var since: Date?
    public var exitStatus: Int?
    /// Set once the zygote serves: the interpreter, its version, the preloaded modules, the
    /// preload's wall time and how many objects `gc.freeze()` moved out of the collector's way.
    public var python: String?
    public var pythonVersion: String?
    public var preload: [String]?
    public var preloadSeconds: Double?
    public var frozenObjects: Int?

    public init(state: String, pid: Int? = nil, since: Date? = nil, exitStatus: Int? = nil, python: String? = nil,
                pythonVersion: String? = nil, preload: [String]? = nil, preloadSeconds: Double? = nil,
                frozenObjects: Int? = nil) {
        self.state = state
        self.pid = pid
        self.since = since
        self.exitStatus = exitStatus
        self.python = python
        self.pythonVersion = pythonVersion
        self.preload = preload
        self.preloadSeconds = preloadSeconds
        self.frozenObjects = frozenObjects
    }
}

public struct BotView: Codable, Sendable, Equatable {
    public var name: String
    public var tenant: String
    public var pool: String?
    public var port: Int?
    /// Pending, Starting, Running, Unhealthy, CrashLoopBackOff, Stopped, Failed, Completed, Frozen, NodeLost.
    public var phase: String
    public var reason: String?
    public var specHash: String?
    public var processState: String?
    public var pid: Int?
    public var lastExitStatus: Int?
    public var restarts: Int
    public var nextRetryAt: Date?
    public var lastError: String?
    public var conditions: [Condition]
    /// A FreqTrade bot's trading as its API last said (`spec.freqtrade`); absent otherwise.
    public var trading: TradingView?
    /// Its manifest's file and commit when the manifests are a Git checkout; absent otherwise.
    public var manifest: ManifestView?

    public init(name: String, tenant: String, pool: String? = nil, port: Int? = nil, phase: String,
                reason: String? = nil, specHash: String? = nil, processState: String? = nil, pid: Int? = nil,
                lastExitStatus: Int? = nil, restarts: Int = 0, nextRetryAt: Date? = nil,
                lastError: String? = nil, conditions: [Condition] = [], trading: TradingView? = nil,
                manifest: ManifestView? = nil) {
        self.trading = trading
        self.manifest = manifest
        self.name = name
        self.tenant = tenant
        self.pool = pool
        self.port = port
        self.phase = phase
        self.reason = reason
        self.specHash = specHash
        self.processState = processState
        self.pid = pid
        self.lastExitStatus = lastExitStatus
        self.restarts = restarts
        self.nextRetryAt = nextRetryAt
        self.lastError = lastError
        self.conditions = conditions
    }
}

/// What a FreqTrade bot's API said: open trades (`/status`), state and dry-run
/// (`/show_config`), last loop (`/health`); `problem` is why the last request failed.
public struct TradingView: Codable, Sendable, Equatable {
    public var openTrades: Int?
    public var state: String?
    public var dryRun: Bool?
    public var lastProcessAt: Date?
    public var problem: String?
    public var observedAt: Date?

    public init(openTrades: Int? = nil, state: String? = nil, dryRun: Bool? = nil, lastProcessAt: Date? = nil,
                problem: String? = nil, observedAt: Date? = nil) {
        self.openTrades = openTrades
        self.state = state
        self.dryRun = dryRun
        self.lastProcessAt = lastProcessAt
        self.problem = problem
        self.observedAt = observedAt
    }
}

/// Kubernetes-style condition: `Scheduled`, `Healthy`, `SpecCurrent` …
public struct Condition: Codable, Sendable, Equatable {
    public var type: String
    public var status: Bool
    public var reason: String?
    public var since: Date?

    public init(type: String, status: Bool, reason: String? = nil, since: Date? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.since = since
    }
}
