import Hummingbird
import Logging

/// Turns every error a route throws into its answer: `ProblemDetails` as problem JSON for the API and as an HTML
/// page for pages; Hummingbird's own `HTTPError`s (a body too large, a bad request line) alike; anything else as a
/// 500 whose detail says nothing of the request, logged by its type only (never its message, which may quote
/// patient data).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            return render(problem, request)
        } catch let error as HTTPError {
            return render(ProblemDetails(error.status, error.status == .notFound ? "there is no such route (see /api/v1/openapi.json)"
                : error.status.reasonPhrase.lowercased()), request)
        } catch {
            logger.error("request failed", metadata: ["route": .string(context.endpointPath ?? "-"), "error": .string(String(describing: type(of: error)))])
            return render(.internalError, request)
        }
    }

    func render(_ problem: ProblemDetails, _ request: Request) -> Response {
        request.uri.path.hasPrefix("/api/") ? problem.response() : HTMLPage.error(problem)
    }
}
