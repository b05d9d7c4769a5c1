import DockerTestSupport
import Foundation

/// supervisord's XML-RPC over a pool's mounted socket, through curl: the environment tests
/// check the real socket without going through the client under test.
enum SupervisorRPC {
    /// An XML-RPC parameter, already rendered.
    struct Param {
        let xml: String
        static func string(_ text: String) -> Param {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return Param(xml: "<string>\(escaped)</string>")
        }
        static func bool(_ value: Bool) -> Param { Param(xml: "<boolean>\(value ? 1 : 0)</boolean>") }
    }

    /// The reply with line breaks removed, so assertions do not depend on supervisord's layout.
    static func call(socket: String, _ method: String, _ params: [Param] = []) throws -> String {
        let values = params.map { "<param><value>\($0.xml)</value></param>" }.joined()
        let body = "<?xml version=\"1.0\"?><methodCall><methodName>\(method)</methodName><params>\(values)</params></methodCall>"
        let result = try Command.run("curl", [
            "-sS", "--max-time", "30", "--unix-socket", socket,
            "-H", "Content-Type: text/xml", "--data-binary", body, "http://localhost/RPC2",
        ])
        guard result.status == 0 else { throw EnvironmentError.command("\(method): \(result.stderr)") }
        return result.stdout.replacingOccurrences(of: "\n", with: "")
    }

    /// One process's `getProcessInfo`: state name, pid, exit status and description.
    struct ProcessInfo {
        var state: String
        var pid: Int
        var exitStatus: Int
        var description: String
    }

    static func processInfo(socket: String, _ name: String) throws -> ProcessInfo {
        let reply = try call(socket: socket, "supervisor.getProcessInfo", [.string(name)])
        guard let state = member("statename", in: reply) else {
            throw EnvironmentError.command("getProcessInfo(\(name)): \(reply)")
        }
        return ProcessInfo(
            state: state,
            pid: Int(member("pid", in: reply) ?? "") ?? 0,
            exitStatus: Int(member("exitstatus", in: reply) ?? "") ?? -1,
            description: member("description", in: reply) ?? ""
        )
    }

    /// The text of struct member `name` (`<member><name>…</name><value><int>3</int></value>`).
    static func member(_ name: String, in reply: String) -> String? {
        guard let start = reply.range(of: "<name>\(name)</name><value>"),
              let end = reply.range(of: "</value>", range: start.upperBound..<reply.endIndex)
        else { return nil }
        let inner = reply[start.upperBound..<end.lowerBound]
        guard let open = inner.firstIndex(of: ">"), let close = inner.range(of: "</", options: .backwards) else {
            return String(inner)
        }
        return String(inner[inner.index(after: open)..<close.lowerBound])
    }
}
