import ArgumentParser
import BotpoolController
import BotpoolTransport
import Foundation

/// `botpool reconcile`: a pass now, on the running controller, and what it did.
public struct ReconcileCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Ask the running controller for a pass now and print what it did.",
        discussion: "The daemon starts a pass at once (one that starts after the request, so it reads the manifests "
            + "as they are now) and answers when it finished: its actions, failures and whether everything converged. "
            + "Exit status 1 when the pass failed, refused its plan (mass-delete guard) or an action failed. "
            + "Needs the daemon's status server (--server) and the operator's token.")

    @Flag(name: .customLong("no-wait"), help: "Return once the pass is requested, without its result.")
    var noWait = false

    @Option(name: [.short, .customLong("output")], help: "text or json (the daemon's answer).")
    var output: Output = .text

    enum Output: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @OptionGroup var server: ServerOptions

    public init() {}

    public func run() async throws {
        try await Self.execute(wait: !noWait, output: output, server: server).emit()
    }

    static func execute(wait: Bool, output: Output, server: ServerOptions) async -> CommandOutcome {
        guard let url = server.server else {
            return .failure("error: reconcile needs --server URL: the running controller (botpool run --listen) runs the pass", exitCode: 2)
        }
        let answer: ReconcileAnswer
        do {
            answer = try await ReconcileSender.send(wait: wait, url: url, token: try TokenFile.read(server.tokenFile))
        } catch {
            return .failure("error: \(error)")
        }
        var outcome = CommandOutcome()
        if output == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            outcome.say((try? encoder.encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
        }
        guard let pass = answer.pass else {
            if output == .text {
                outcome.say(wait ? "pass requested; it had not finished after 300 s (`botpool get bots --server \(url)`)"
                                 : "pass requested")
            }
            return outcome
        }
        if output == .text { outcome.say(Self.describe(pass)) }
        if !pass.succeeded { outcome.exitCode = 1 }
        return outcome
    }

    /// `pass 12 (reconcile requested) finished in 0.41 s: 3 actions, 0 failed, converged`.
    static func describe(_ pass: PassReport) -> String {
        let head = "pass \(pass.number) (\(pass.reason)) finished in \(String(format: "%.2f", pass.durationSeconds)) s"
        if let error = pass.error { return "\(head): failed: \(error)" }
        if let refused = pass.refused { return "\(head): refused: \(refused)" }
        let state = pass.converged ? "converged" : "not converged yet"
        return "\(head): \(pass.actions) action\(pass.actions == 1 ? "" : "s"), \(pass.failedActions) failed, \(state)"
    }
}

/// What `POST /api/v1/reconcile` answers.
struct ReconcileAnswer: Codable {
    var requested: Bool
    var pass: PassReport?
}

enum ReconcileSender {
    static func send(wait: Bool, url: String, token: String?) async throws -> ReconcileAnswer {
        let request = HTTPRequest(method: .post, path: "/api/v1/reconcile" + (wait ? "" : "?wait=false"), body: Data(),
                                  timeout: .seconds(wait ? 320 : 10))
        let response = try await StatusReader.send(request, url: url, token: token)
        return try StatusReader.decode(ReconcileAnswer.self, from: response, url: url)
    }
}
