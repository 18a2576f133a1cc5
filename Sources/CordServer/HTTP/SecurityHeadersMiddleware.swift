import Hummingbird

/// Adds to every response the headers that keep a browser from leaking what it shows: a Content-Security-Policy
/// without inline script or inline styles (script and styles only from this server's own files), `X-Frame-Options: DENY`,
/// `Cache-Control: no-store` (every page and answer may hold patient data), no MIME sniffing, no referrer, and
/// under TLS `Strict-Transport-Security`.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let tls: Bool

    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if tls { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}
