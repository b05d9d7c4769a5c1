import ArgumentParser

/// `--server` and `--token-file` of the commands that can read the daemon's status API instead
/// of observing Docker and supervisord themselves.
struct ServerOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp(
        "Read the status of a running `botpool run` from its API, e.g. http://127.0.0.1:9180.", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("File holding the daemon's bearer token (with --server).", valueName: "path"))
    var tokenFile: String?

    func validate() throws {
        if tokenFile != nil, server == nil { throw ValidationError("--token-file needs --server") }
    }
}
