import Hummingbird

/// Answers 401 unless the request carries `Authorization: Bearer <token>` with the operator's
/// token or a tenant's; records whose it was in the context.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = StatusRequestContext
    let tokens: StatusTokens

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], let access = tokens.access(authorization: header) else {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Bearer realm=\"botpool\""],
                body: .init(byteBuffer: ByteBuffer(string: "unauthorized: send Authorization: Bearer <token from --token-file>\n"))
            )
        }
        var context = context
        context.access = access
        return try await next(request, context)
    }

    /// Whether `header` carries `token` (the scheme in any case), compared in constant time.
    static func matches(_ header: String, token: String) -> Bool {
        StatusTokens(operatorToken: token).access(authorization: header) == .everything
    }

    /// 403 for a caller whose token does not cover what it asked for.
    static func forbidden(_ what: String) -> Response {
        Response(status: .forbidden, body: .init(byteBuffer: ByteBuffer(string: "forbidden: \(what)\n")))
    }
}
