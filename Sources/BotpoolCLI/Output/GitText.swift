/// Commit ids as people read them.
enum GitText {
    /// The first 12 hex digits (unique in any repository of manifests); `?` when unknown.
    static func short(_ commit: String?) -> String {
        commit.map { String($0.prefix(12)) } ?? "?"
    }
}
