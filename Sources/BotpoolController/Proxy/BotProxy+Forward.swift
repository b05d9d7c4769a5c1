import BotpoolTransport
import Foundation
import Hummingbird

extension BotProxy {
    /// One exchange with the bot: the request body bounded (413 past it), the response bounded
    /// in size and time; a bot that refuses or sends something unforwardable is 502, one that
    /// does not answer in time 504.
    func forward(_ request: Request, to upstream: (host: String, port: Int), target: ProxyTarget) async throws -> Response {
        let body = try await request.body.collect(upTo: limits.maxRequestBytes)
        let method = BotpoolTransport.HTTPMethod(rawValue: request.method.rawValue)
        let sent = BotpoolTransport.HTTPRequest(
            method: method, path: target.pathAndQuery, headers: ProxyHeaders.upstream(request.headers, prefix: target.prefix),
            body: body.readableBytes == 0 && [.get, .head].contains(method) ? nil : Data(body.readableBytesView),
            timeout: limits.timeout, connectTimeout: limits.connectTimeout, maxResponseBytes: limits.maxResponseBytes)
        let answer: BotpoolTransport.HTTPResponse
        do {
            answer = try await CurlTransport(endpoint: .http(host: upstream.host, port: upstream.port)).send(sent)
        } catch let error as TransportError {
            if case .timedOut = error { return ProxyAnswer(error: "bot did not answer: \(error)").response(.gatewayTimeout) }
            return ProxyAnswer(error: "bot unreachable: \(error)").response(.badGateway)
        }
        guard !answer.truncated else {
            return ProxyAnswer(error: "bot's response is larger than \(limits.maxResponseBytes) bytes").response(.badGateway)
        }
        guard (200...599).contains(answer.status) else {
            return ProxyAnswer(error: "bot answered status \(answer.status)").response(.badGateway)
        }
        return Response(status: .init(code: answer.status), headers: ProxyHeaders.downstream(answer, limit: limits.maxResponseHeaders),
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
