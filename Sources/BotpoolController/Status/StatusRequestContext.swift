import Hummingbird

/// A status API request, with whom it speaks for once `BearerTokenMiddleware` has let it in.
public struct StatusRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// nil only before the middleware ran (`/healthz`).
    public var access: StatusAccess?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
