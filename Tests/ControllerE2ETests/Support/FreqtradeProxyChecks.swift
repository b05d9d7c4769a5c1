import DockerTestSupport
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

/// What FreqUI and scripts do through botpool's proxy to a real FreqTrade bot: its websocket,
/// and a tenant past its in-flight limit.
struct FreqtradeProxyChecks {
    let daemonPort: Int
    /// `tenant/name`.
    let bot: String
    /// The tenant's botpool token.
    let token: String
    /// FreqTrade's own login, `user:password`.
    let login: String

    var base: String { "http://127.0.0.1:\(daemonPort)/bots/\(bot)" }

    func websocketAndFlood() async throws {
        try await websocket()
        try await flood()
    }

    /// As FreqUI: a JWT from `/api/v1/token/login` through the proxy, then the message websocket
    /// with it as `token`; a `whitelist` request is answered by the bot's RPC with its pairs.
    func websocket() async throws {
        let login = try Command.run("curl", ["-sS", "--max-time", "20", "-X", "POST", "-u", self.login,
                                             "-H", "X-Botpool-Token: \(token)", "\(base)/api/v1/token/login"])
        let tokens = try JSONSerialization.jsonObject(with: Data(login.stdout.utf8)) as? [String: Any]
        let jwt = try #require(tokens?["access_token"] as? String, "token/login through the proxy: \(login.stdout) \(login.stderr)")
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Botpool-Token")!] = token
        let reply = Mutex<String?>(nil)
        let url = "ws://127.0.0.1:\(daemonPort)/bots/\(bot)/api/v1/message/ws?token=\(jwt)"
        try await WebSocketClient.connect(url: url, configuration: .init(additionalHeaders: headers),
                                          logger: Logger(label: "e2e-ws")) { inbound, outbound, _ in
            try await outbound.write(.text(#"{"type": "whitelist"}"#))
            for try await message in inbound.messages(maxSize: 1 << 20) {
                switch message {
                case .text(let text): reply.withLock { $0 = text }
                case .binary(let buffer): reply.withLock { $0 = String(buffer: buffer) }
                }
                break
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        let text = try #require(reply.withLock { $0 }, "no websocket message from the bot")
        let message = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(message?["type"] as? String == "whitelist", "\(text)")
        #expect(message?["data"] as? [String] == ["BTC/USDT", "ETH/USDT"], "\(text)")
    }

    /// A request whose body never finishes holds the tenant's only slot (the proxy reads a body
    /// inside it): another request gets 429 with `Retry-After`, and gets through once that
    /// connection closes. The held request is written by hand on a socket: a rate-limited curl
    /// may send a small body at once, and then nothing is held.
    func flood() async throws {
        let held = try HeldRequest(port: daemonPort, head: "POST /bots/\(bot)/api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "X-Botpool-Token: \(token)\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\nxxxx")
        let busy = try await Poll.until("a request past the tenant's limit to get 429", seconds: 30) { () -> String? in
            let result = try Command.run("curl", ["-sS", "-D", "-", "-o", "/dev/null", "--max-time", "20",
                                                  "-H", "X-Botpool-Token: \(token)", "\(base)/api/v1/ping"])
            return result.stdout.hasPrefix("HTTP/1.1 429") ? result.stdout : nil
        }
        #expect(busy.lowercased().contains("retry-after: 1"), "\(busy)")
        held.close()
        _ = try await Poll.until("the slot to be free again", seconds: 30) { () -> Bool? in
            let result = try Command.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                                                  "-H", "X-Botpool-Token: \(token)", "\(base)/api/v1/ping"])
            return result.stdout == "200" ? true : nil
        }
    }
}

/// A TCP connection to loopback that sent `head` and then stays open, sending nothing more.
final class HeldRequest {
    private var descriptor: Int32

    init(port: Int, head: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HeldRequestError(step: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw HeldRequestError(step: "connect", code: code)
        }
        let bytes = Array(head.utf8)
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            let code = errno
            Glibc.close(descriptor)
            throw HeldRequestError(step: "write", code: code)
        }
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}

struct HeldRequestError: Error {
    var step: String
    var code: Int32
}

