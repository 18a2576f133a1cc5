import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import CordServer

/// The OpenAPI document: valid JSON, OpenAPI 3.1, the same bytes as docs/openapi.json and as the server serves, and
/// exactly the router's /api/v1 routes.
@Suite struct OpenAPIDocumentTests {
    @Test func theDocumentIsValidJSONAndTheRepositorysCopy() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let copy = try String(contentsOf: PackageFolder.root.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
        #expect(copy == OpenAPIDocument.json + "\n", "docs/openapi.json differs: cordmatch serve --openapi > docs/openapi.json")
        // Every $ref resolves.
        let components = try #require(doc["components"] as? [String: Any])
        for ref in OpenAPIDocument.json.components(separatedBy: "\"$ref\": \"#/components/").dropFirst() {
            let parts = ref.prefix { $0 != "\"" }.split(separator: "/").map(String.init)
            #expect((components[parts[0]] as? [String: Any])?[parts[1]] != nil, "\(parts)")
        }
    }

    @Test func theDocumentListsExactlyTheRoutersAPIRoutes() async throws {
        let f = try await ServerFixture()
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let routes = ServerRoutes.all(ServerServices(access: f.access, configuration: f.configuration)).filter(\.isAPI)
        let routed = Set(routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == routed)
        // And the router answers each documented operation (not 404 for want of a route), and serves the document.
        try await f.app().test(.router) { client in
            for operation in documented.sorted() {
                let parts = operation.split(separator: " ")
                let uri = String(parts[1]).replacingOccurrences(of: "{id}", with: "R-0001").replacingOccurrences(of: "{unit}", with: "DEMO-0002")
                try await client.execute(uri: uri, method: .init(String(parts[0]))!) { r in
                    #expect(r.status != .notFound && r.status != .methodNotAllowed, "\(operation)")
                }
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { r in
                #expect(r.status == .ok && r.text == OpenAPIDocument.json)
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { r in
                #expect(r.status == .notFound && r.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
