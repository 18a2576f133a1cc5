import CordInventory
import CordMatch
import Foundation
import HLA
import Hummingbird
import NIOCore

/// Reading a request's parameters and body, with the CLI's validation messages (naming the parameter as the
/// API spells it) and never more of an input than `InputExcerpt.of(_:)` gives.
enum RequestInput {
    /// A path parameter the route template has.
    static func path(_ context: ServerContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw ProblemDetails.badRequest("\(name) is missing") }
        guard value.utf8.count <= InputLimits.fieldBytes else { throw ProblemDetails.badRequest("\(name) is longer than \(InputLimits.fieldBytes) bytes") }
        return value
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// An integer query parameter in `range`, `fallback` when absent.
    static func integer(_ request: Request, _ name: String, _ range: ClosedRange<Int>, fallback: Int) throws -> Int {
        guard let text = query(request, name) else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw ProblemDetails.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(InputExcerpt.of(text))")
        }
        return n
    }

    static func boolean(_ request: Request, _ name: String) throws -> Bool {
        switch query(request, name) {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        case let text?: throw ProblemDetails.badRequest("\(name) is true or false, not \(InputExcerpt.of(text))")
        }
    }

    /// `search_date` (default today), read by the rule `--search-date` and every search date follows (`DateField.search`).
    static func searchDate(_ text: String?) throws -> CalendarDate {
        guard let text else { return .today() }
        switch DateField.search.read(text, today: .today()) {
        case .success(let date): return date
        case .failure(let why): throw ProblemDetails.badRequest("search_date: \(why)")
        }
    }

    /// `limit` (default 20), read as `--limit` is (`NumericField.resultLimit`).
    static func resultLimit(_ text: String?) throws -> Int {
        guard let text else { return 20 }
        switch NumericField.resultLimit.readWhole(text) {
        case .success(let n): return n
        case .failure(let why): throw ProblemDetails.badRequest("limit: \(why)")
        }
    }

    /// A policy the API may name: a preset only (the server reads no policy file a caller names).
    static func preset(_ name: String?) throws -> String? {
        guard let name else { return nil }
        guard PolicyPresets.named(name) != nil else {
            throw ProblemDetails.badRequest("policy must be a preset (\(PolicyPresets.names.joined(separator: ", "))), not \(InputExcerpt.of(name))")
        }
        return name
    }

    /// A request's kind as the API and the pages' form name it (`UnitRequestRow.Kind`).
    ///
    /// - Parameter text: the kind's name (`confirmatory typing requested` or `reserved`).
    /// - Returns: the kind.
    /// - Throws: `ProblemDetails.badRequest` naming the kinds, for any other text.
    static func requestKind(_ text: String) throws -> UnitRequestRow.Kind {
        guard let kind = UnitRequestRow.Kind(rawValue: text) else {
            throw ProblemDetails.badRequest("kind is \(UnitRequestRow.Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")), not \(InputExcerpt.of(text))")
        }
        return kind
    }

    /// The body, at most `InputLimits.requestBytes`.
    static func body(_ request: Request) async throws -> Data {
        var request = request
        do {
            return Data(try await request.collectBody(upTo: InputLimits.requestBytes).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw ProblemDetails(.contentTooLarge, "the request body is larger than \(InputLimitsText.requestBytes)")
        }
    }

    /// A JSON body decoded as `T` (snake_case keys).
    static func json<T: Decodable>(_ request: Request, as type: T.Type) async throws -> T {
        let data = try await body(request)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(T.self, from: data) } catch let DecodingError.keyNotFound(key, _) {
            throw ProblemDetails.badRequest("the body lacks \(key.stringValue.snakeCased)")
        } catch let DecodingError.typeMismatch(_, c) {
            throw ProblemDetails.badRequest("the body's \(c.codingPath.map(\.stringValue.snakeCased).joined(separator: ".")) has the wrong type")
        } catch {
            throw ProblemDetails.badRequest("the body is not the JSON object this route takes (see /api/v1/openapi.json)")
        }
    }

    /// A URL-encoded form body.
    static func form<T: Decodable>(_ request: Request, as type: T.Type) async throws -> T {
        let data = try await body(request)
        do { return try URLEncodedFormDecoder().decode(T.self, from: String(decoding: data, as: UTF8.self)) } catch {
            throw ProblemDetails.badRequest("the form is incomplete")
        }
    }
}

extension String {
    /// `weightKg` → `weight_kg`, for messages about JSON keys.
    var snakeCased: String {
        var out = ""
        for c in self { if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }
        return out
    }
}
