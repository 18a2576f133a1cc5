import CordInventory
import Hummingbird

/// Health (no credentials, no data), the OpenAPI document, and the latest rematch report.
enum SystemRoutes {
    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, "/api/v1/health", .everyone) { _, _ in
                let readable = (try? await s.inventory { try $0.checkReadable() }) != nil
                return JSONResponse.make(readable ? #"{"status":"ok"}"# : #"{"status":"unavailable"}"#,
                                         status: readable ? .ok : .serviceUnavailable)
            },
            ServerRoute(.get, "/api/v1/openapi.json", .everyone) { _, _ in
                JSONResponse.make(OpenAPIDocument.json)
            },
            ServerRoute(.get, "/api/v1/rematch/latest", .role(.viewer)) { _, context in
                let json = try await s.inventory { try $0.latestRematchReport() }
                try await s.audit(context, "view rematch report")
                return JSONResponse.make(json)
            },
        ]
    }
}
