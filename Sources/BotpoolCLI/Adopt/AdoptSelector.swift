import ArgumentParser

/// `--from-containers`: a Docker label selector, `key=value` or `key` (as compose writes
/// `com.docker.compose.project=legacy`), narrowed by `--name` to containers whose name
/// contains a text.
struct AdoptSelector: Sendable, Equatable, ExpressibleByArgument {
    var key: String
    var value: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let key = parts.first, !key.isEmpty, !key.contains(",") else { return nil }
        self.key = key
        value = parts.count > 1 ? parts[1] : nil
    }

    var labels: [String: String?] { [key: value] }
}
