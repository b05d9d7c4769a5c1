/// Docker labels that mark and describe a pool container (docs/architecture.md "Observed
/// state"), all of them: `PoolMetadata` writes and reads them, the network carries the state dir's.
public enum PoolLabel {
    public static let managedBy = "io.botpool.managed-by"
    public static let managedByValue = "botpool"
    public static let pool = "io.botpool.pool"
    public static let poolClass = "io.botpool.class"
    public static let tenant = "io.botpool.tenant"
    public static let basePort = "io.botpool.base-port"
    public static let templateHash = "io.botpool.template-hash"
    /// The state dir of the controller that owns the pool. Pools mount paths under it, so it
    /// names the owner: controllers with other state dirs on the same daemon leave it alone.
    public static let stateDir = "io.botpool.state-dir"
    public static let index = "io.botpool.index"
    /// Host IP the bot ports are published on; "" when not published.
    public static let publish = "io.botpool.publish"
    /// How its host directory and container are laid out (`PoolMetadata.currentLayout`).
    public static let layout = "io.botpool.layout"
}
