import Foundation
import Hummingbird

/// Starts a pass now; with `wait`, returns that pass's report once it finished (nil: not within
/// the handler's patience).
public typealias ReconcileHandler = @Sendable (_ wait: Bool) async -> PassReport?

extension StatusServer {
    /// `POST /api/v1/reconcile[?wait=false]`, operator token only (a pass acts for every tenant):
    /// 200 with the report of the first pass that started after the request, 202 without
    /// waiting or when it did not finish in time.
    func addReconcileRoute(to protected: RouterGroup<StatusRequestContext>, handler: @escaping ReconcileHandler) {
        protected.post("api/v1/reconcile") { request, context -> Response in
            guard context.access == .everything else {
                return BearerTokenMiddleware.forbidden("a pass acts for every tenant: it needs the operator's token")
            }
            let wait = request.uri.queryParameters.get("wait").map { $0 != "false" && $0 != "0" } ?? true
            guard let report = await handler(wait) else {
                var response = try Self.json(Started(requested: true, pass: nil))
                response.status = .accepted
                return response
            }
            return try Self.json(Started(requested: true, pass: report))
        }
    }

    private struct Started: Encodable {
        var requested: Bool
        var pass: PassReport?
    }
}
