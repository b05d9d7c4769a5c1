/// What a command cannot do, with the value that stopped it. Problems in manifests are
/// `Diagnostic`s, not errors.
enum CLIError: Swift.Error, CustomStringConvertible, Equatable {
    case server(url: String, status: Int, body: String)
    case unreachable(url: String, detail: String)
    case malformedStatus(url: String, detail: String)
    case follower(url: String, leader: String?, detail: String)
    case notFound(String)
    case io(String)

    var description: String {
        switch self {
        case .server(let url, let status, let body):
            "\(url): status \(status): \(body.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .unreachable(let url, let detail): "\(url): cannot connect: \(detail)"
        case .malformedStatus(let url, let detail): "\(url): not a botpool status answer: \(detail)"
        case .follower(let url, let leader, let detail):
            "\(url) is a follower and serves no bots; the leader is \(leader ?? "unknown"): \(detail)"
        case .notFound(let message): message
        case .io(let message): message
        }
    }
}
