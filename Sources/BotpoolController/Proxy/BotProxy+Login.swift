import HTTPTypes
import Hummingbird

extension BotProxy {
    /// `GET /bots/<tenant>/<name>/…?botpool_token=<token>`: a browser cannot send a header with
    /// every request, so this sets cookie `botpool_token` (HttpOnly, SameSite=Strict, scoped to
    /// `/bots/<tenant>/<name>/`) and redirects to the same page without the token.
    ///
    /// Only a tenant's token for its own bot becomes a cookie, never the operator's: every bot
    /// shares the status server's origin, so script on one bot's page could send requests with
    /// the cookie of another bot's path. A tenant's cookie reaches that tenant's bots only.
    func login(token: String, target: ProxyTarget, tenant: String, name: String) -> Response {
        switch tokens.access(token: Array(token.utf8)) {
        case nil:
            return ProxyAnswer.unauthorized()
        case .everything?:
            return ProxyAnswer(error: "forbidden: the operator's token is never set as a cookie (every bot shares this origin); "
                + "log in with \(tenant)'s token, or send header X-Botpool-Token").response(.forbidden)
        case .tenant(let own)? where own != tenant:
            return ProxyAnswer.forbidden(tenant: tenant, name: name)
        case .tenant?:
            let cookie = "\(ProxyCredential.cookie)=\(ProxyCredential.cookieValue(token)); Path=\(target.prefix)/; HttpOnly; SameSite=Strict"
            return Response(status: .seeOther, headers: [
                .location: target.pageWithoutToken, .setCookie: cookie, .cacheControl: "no-store",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
            ])
        }
    }
}
