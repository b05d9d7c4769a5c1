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

    /// One slow upload holds the tenant's only slot (the proxy reads a body inside it): another
    /// request gets 429 with `Retry-After`, and gets through once the slow one is gone.
    func flood() async throws {
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("botpool-slow-\(UUID().uuidString)")
        try Data(repeating: UInt8(ascii: "x"), count: 4000).write(to: body)
        defer { try? FileManager.default.removeItem(at: body) }
        let slow = Process()
        slow.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        slow.arguments = ["-sS", "-o", "/dev/null", "--max-time", "120", "--limit-rate", "100", "-X", "POST",
                          "-H", "X-Botpool-Token: \(token)", "--data-binary", "@\(body.path)", "\(base)/api/v1/ping"]
        slow.standardOutput = FileHandle.nullDevice
        slow.standardError = FileHandle.nullDevice
        try slow.run()
        defer { if slow.isRunning { kill(slow.processIdentifier, SIGKILL) } }
        let busy = try await Poll.until("a request past the tenant's limit to get 429", seconds: 30) { () -> String? in
            let result = try Command.run("curl", ["-sS", "-D", "-", "-o", "/dev/null", "--max-time", "20",
                                                  "-H", "X-Botpool-Token: \(token)", "\(base)/api/v1/ping"])
            return result.stdout.hasPrefix("HTTP/1.1 429") ? result.stdout : nil
        }
        #expect(busy.lowercased().contains("retry-after: 1"), "\(busy)")
        kill(slow.processIdentifier, SIGKILL)
        _ = try await Poll.until("the slot to be free again", seconds: 30) { () -> Bool? in
            let result = try Command.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                                                  "-H", "X-Botpool-Token: \(token)", "\(base)/api/v1/ping"])
            return result.stdout == "200" ? true : nil
        }
    }
}
