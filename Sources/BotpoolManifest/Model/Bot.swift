/// Identifies a bot: names are unique per tenant, not globally.
public struct BotID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var tenant: String
    public var name: String

    public init(tenant: String, name: String) {
        self.tenant = tenant
        self.name = name
    }

    public var description: String { "\(tenant)/\(name)" }

    public static func < (lhs: BotID, rhs: BotID) -> Bool {
        (lhs.tenant, lhs.name) < (rhs.tenant, rhs.name)
    }
}

/// A `kind: Bot` manifest with every default filled in.
public struct Bot: Hashable, Sendable {
    public var name: String
    public var tenant: String
    public var labels: [String: String]
    public var spec: BotSpec
    /// Where the document started; diagnostics about the bot point here.
    public var source: SourceLocation

    public var id: BotID { BotID(tenant: tenant, name: name) }

    public init(
        name: String,
        tenant: String = "default",
        labels: [String: String] = [:],
        spec: BotSpec,
        source: SourceLocation = .unknown
    ) {
        self.name = name
        self.tenant = tenant
        self.labels = labels
        self.spec = spec
        self.source = source
    }
}

public struct BotSpec: Hashable, Sendable {
    public var poolClass: String
    public var state: BotState
    /// argv, no shell.
    public var command: [String]
    /// In manifest order; names are unique.
    public var env: [EnvVar]
    /// File name (relative to the data dir) to contents, in manifest order.
    public var files: [BotFile]
    /// Memory request used for placement; nil means 0.
    public var memory: ByteCount?
    /// nil: no probe, a running process counts as healthy.
    public var health: HealthCheck?
    public var restartPolicy: RestartPolicy
    public var deletionPolicy: DeletionPolicy
    /// nil: not read as a FreqTrade bot (its API is not queried).
    public var freqtrade: FreqtradeAPI?
    /// When the controller may disrupt the running bot for a change (`spec.disruption`).
    public var disruption = Disruption()

    public init(
        poolClass: String,
        state: BotState = .running,
        command: [String],
        env: [EnvVar] = [],
        files: [BotFile] = [],
        memory: ByteCount? = nil,
        health: HealthCheck? = nil,
        restartPolicy: RestartPolicy = .always,
        deletionPolicy: DeletionPolicy = .retain
    ) {
        self.poolClass = poolClass
        self.state = state
        self.command = command
        self.env = env
        self.files = files
        self.memory = memory
        self.health = health
        self.restartPolicy = restartPolicy
        self.deletionPolicy = deletionPolicy
    }
}

public enum BotState: String, Hashable, Sendable, CaseIterable {
    case running
    case stopped
}

public enum RestartPolicy: String, Hashable, Sendable, CaseIterable {
    case always = "Always"
    case onFailure = "OnFailure"
    case never = "Never"
}

public enum DeletionPolicy: String, Hashable, Sendable, CaseIterable {
    case retain = "Retain"
    case delete = "Delete"
}

public struct EnvVar: Hashable, Sendable {
    public var name: String
    public var value: EnvValue

    public init(name: String, value: EnvValue) {
        self.name = name
        self.value = value
    }
}

public enum EnvValue: Hashable, Sendable {
    /// May contain `${BOTPOOL_PORT}`, `${BOTPOOL_BOT}`, `${BOTPOOL_TENANT}`, `${BOTPOOL_DATA_DIR}`.
    case literal(String)
    /// Read on the controller's host at reconcile time; never printed.
    case fromFile(path: String)
}

public struct BotFile: Hashable, Sendable {
    /// A plain file name inside the bot's data dir (no `/`, not `.` or `..`).
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

public struct HealthCheck: Hashable, Sendable {
    /// HTTP GET path probed on the bot's port, starting with `/`.
    public var httpPath: String
    public var periodSeconds: Int
    public var timeoutSeconds: Int
    public var failureThreshold: Int
    public var initialDelaySeconds: Int

    public init(
        httpPath: String,
        periodSeconds: Int = 10,
        timeoutSeconds: Int = 1,
        failureThreshold: Int = 3,
        initialDelaySeconds: Int = 0
    ) {
        self.httpPath = httpPath
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.failureThreshold = failureThreshold
        self.initialDelaySeconds = initialDelaySeconds
    }
}

/// `spec.freqtrade`: the bot is a FreqTrade bot whose REST API listens on its port; the
/// controller logs in to it (HTTP Basic) to read its trading state.
/// `spec.disruption`: whether a change that stops the running process (a spec change, a move, a
/// pool replacement, `state: stopped`) waits. Crash and probe restarts never wait: the process is
/// already down or not serving.
public struct Disruption: Hashable, Sendable {
    public var policy: DisruptionPolicy
    /// WhenFlat: past this, the bot still waits, but as `WaitingForFlat` instead of `Draining`.
    public var drainTimeoutSeconds: Int

    public static let defaultDrainTimeoutSeconds = 3600

    public init(policy: DisruptionPolicy = .always, drainTimeoutSeconds: Int = Self.defaultDrainTimeoutSeconds) {
        self.policy = policy
        self.drainTimeoutSeconds = drainTimeoutSeconds
    }
}

public enum DisruptionPolicy: String, Hashable, Sendable, CaseIterable {
    /// Changes apply at once.
    case always = "Always"
    /// New entries stop (`/stopentry`) and changes wait until the bot has no open trade.
    case whenFlat = "WhenFlat"
    /// Changes wait for `botpool rollout BOT` (or `botpool restart BOT --force`).
    case manual = "Manual"
}

public struct FreqtradeAPI: Hashable, Sendable {
    /// The API login's user (`api.username`, or the bot's `FREQTRADE__API_SERVER__USERNAME`).
    public var username: String
    /// The env variable whose value is the password (FreqTrade reads the same one).
    public static let passwordVariable = "FREQTRADE__API_SERVER__PASSWORD"
    public static let usernameVariable = "FREQTRADE__API_SERVER__USERNAME"
    /// Seconds between two requests to the bot (`api.periodSeconds`, default 10).
    public var periodSeconds: Int

    public init(username: String, periodSeconds: Int = 10) {
        self.username = username
        self.periodSeconds = periodSeconds
    }
}
