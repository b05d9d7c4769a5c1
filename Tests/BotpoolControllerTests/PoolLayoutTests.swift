@testable import BotpoolController
import Testing

/// A pool of an older layout reads as drifted and is replaced; layout 3 changed only shared
/// pools (one bind per slot), so a dedicated pool of layout 2 is left running.
@Suite struct PoolLayoutTests {
    private static func labels(tenant: String, layout: String?) -> [String: String] {
        var labels = [
            PoolLabel.pool: "botpool-c-0", PoolLabel.poolClass: "c", PoolLabel.tenant: tenant,
            PoolLabel.templateHash: "abc", PoolLabel.basePort: "9000", PoolLabel.index: "0",
        ]
        labels[PoolLabel.layout] = layout
        return labels
    }

    @Test(arguments: [
        ("alice", "3", "abc"), ("alice", "2", "abc"), ("alice", nil, "abc (layout 1)"),
        (PoolMetadata.sharedTenant, "3", "abc"), (PoolMetadata.sharedTenant, "2", "abc (layout 2)"),
    ] as [(String, String?, String)])
    func olderLayoutsReadAsDrift(tenant: String, layout: String?, templateHash: String) throws {
        let metadata = try PoolMetadata.parse(labels: Self.labels(tenant: tenant, layout: layout)).get()
        #expect(metadata.templateHash == templateHash)
    }
}
