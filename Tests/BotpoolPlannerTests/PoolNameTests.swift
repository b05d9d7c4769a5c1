import BotpoolPlanner
import Testing

/// Container names are the only thing two pools could share by accident: they must differ for
/// every (class, tenant, index), however class and tenant names split on `-`.
@Suite struct PoolNameTests {
    @Test func namesThatJoinedTheSameWayNowDiffer() {
        let eve = PoolTarget(poolClass: "sec-x", tenant: "eve", index: 0)
        let xEve = PoolTarget(poolClass: "sec", tenant: "x-eve", index: 0)
        #expect(eve.name == "botpool-sec-x.eve-0")
        #expect(xEve.name == "botpool-sec.x-eve-0")
        // A tenant named `shared` is not the shared pool of its class.
        #expect(PoolTarget(poolClass: "ft", tenant: "shared", index: 0).name != PoolTarget(poolClass: "ft", tenant: nil, index: 0).name)
    }

    /// Every class, tenant (or shared) and index from small alphabets that are rich in `-`:
    /// no two targets get one name.
    @Test func namesAreInjectiveOverAnExhaustiveSmallWorld() {
        let labels = ["a", "b", "a-b", "b-a", "a-0", "0", "a-b-0", "shared", "0-0"]
        var seen: [String: String] = [:]
        for poolClass in labels {
            for tenant in labels.map(Optional.some) + [nil] {
                for index in [0, 1, 10] {
                    let name = PoolTarget(poolClass: poolClass, tenant: tenant, index: index).name
                    let key = "\(poolClass)|\(tenant ?? "<shared>")|\(index)"
                    #expect(seen[name] == nil, "\(name) is both \(seen[name] ?? "") and \(key)")
                    seen[name] = key
                }
            }
        }
    }
}
