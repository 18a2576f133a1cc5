import Foundation
import HTTPTypes
import Hummingbird

/// An error answered as `application/problem+json` (RFC 9457): a status, a short title for the status and a
/// detail for the reader — the same validation message the CLI prints, quoting no more of an input than
/// `InputExcerpt.of(_:)` gives. Pages render the same error as HTML.
public struct ProblemDetails: Error, Sendable, CustomStringConvertible {
    /// The HTTP status answered.
    public let status: HTTPResponse.Status
    /// What went wrong, for the reader (the JSON `detail`).
    public let detail: String
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields = [:]

    /// An error answered with `status`.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - detail: What went wrong, for the reader.
    ///   - headers: Extra response headers.
    public init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// `<code> <reason phrase>: <detail>`.
    public var description: String { "\(status.code) \(status.reasonPhrase): \(detail)" }

    static func badRequest(_ detail: String) -> ProblemDetails { .init(.badRequest, detail) }
    static func notFound(_ detail: String) -> ProblemDetails { .init(.notFound, detail) }
    static let unauthorized = ProblemDetails(.unauthorized, "sign in, or send an API token (Authorization: Bearer …)",
                                             headers: [.wwwAuthenticate: "Bearer realm=\"cordmatch\""])
    static func forbidden(_ required: String) -> ProblemDetails { .init(.forbidden, "this needs the \(required) role") }
    static let csrf = ProblemDetails(.forbidden, "the form's CSRF token is missing or wrong: reload the page and try again")
    static let internalError = ProblemDetails(.internalServerError, "the server could not answer (see its log)")

    /// The JSON body.
    var json: String {
        let body: [String: Any] = ["type": "about:blank", "title": status.reasonPhrase, "status": status.code, "detail": detail]
        let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The response: problem JSON.
    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
