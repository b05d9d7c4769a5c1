/// Pools a bot may live in: its class, and its tenant when the class is dedicated.
struct GroupKey: Hashable, Comparable {
    var poolClass: String
    /// nil for a shared class.
    var tenant: String?

    static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        (lhs.poolClass, lhs.tenant ?? "") < (rhs.poolClass, rhs.tenant ?? "")
    }
}
