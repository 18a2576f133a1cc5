import CordMatch
import Hummingbird
import Logging

/// One structured log line per request: method, route template (`/api/v1/recipients/{id}`, never the concrete path
/// nor the query string, which name recipients and units), status, duration and the signed-in user — no
/// recipient ids, typings or bodies.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "(no route)"),
            "status": .stringConvertible(response.status.code),
            "ms": .string(NumberText.fixed(ms, 2)),
            "user": .string(context.notes.user ?? "-"),
        ])
        return response
    }
}
