import Foundation

/// The workspace's bookmarkable paths (fixed: people keep them), each id percent-encoded as one path segment or
/// query value, so that an id never changes the path it sits in.
enum WorkspacePaths {
    static let recipients = "/recipients"
    static let rematch = "/rematch/latest"
    static let requests = "/requests"
    static let requestsCSV = "/requests.csv"

    /// `/recipients/{id}`.
    static func recipient(_ id: String) -> String { "/recipients/\(segment(id))" }

    /// `/recipients/{id}/units/{unit}`.
    static func unit(_ unit: String, of recipient: String) -> String { "/recipients/\(segment(recipient))/units/\(segment(unit))" }

    /// `/recipients/{id}/compare` (the grid's compare form's action).
    static func compare(for recipient: String) -> String { "/recipients/\(segment(recipient))/compare" }

    /// `/recipients/{id}/compare?units=A,B`.
    static func compare(_ units: [String], for recipient: String) -> String {
        compare(for: recipient) + "?units=" + units.map(value).joined(separator: ",")
    }

    /// `/recipients/{id}/requests` (the form's action).
    static func requests(of recipient: String) -> String { "/recipients/\(segment(recipient))/requests" }

    /// `path?name=value&…`, the values encoded; empty values left out.
    static func query(_ path: String, _ items: [(String, String)]) -> String {
        let kept = items.filter { !$0.1.isEmpty }
        return kept.isEmpty ? path : path + "?" + kept.map { "\($0.0)=\(value($0.1))" }.joined(separator: "&")
    }

    static func segment(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
    static func value(_ s: String) -> String { segment(s) }

    /// RFC 3986's unreserved characters: everything else is encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
