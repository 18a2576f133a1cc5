import Hummingbird

/// A 200 (or other) response whose body is a JSON document already rendered — the library's reports render
/// their own JSON (`SearchReport.json()`), so that the API answers the same bytes the CLI prints.
enum JSONResponse {
    static func make(_ text: String, status: HTTPResponse.Status = .ok) -> Response { make(ByteBuffer(string: text), status: status) }

    /// A response of a body already in a buffer (a kept search answer: shared, not copied).
    static func make(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
}
