import Foundation

/// How cordmatch writes its versioned JSON documents (`cordmatch.search/1`, `cordmatch.explain/1`, …): snake_case
/// keys, sorted, pretty-printed, slashes unescaped — so that the same answer is the same bytes wherever it is printed.
enum ReportJSON {
    static func text(_ value: some Encodable) -> String {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! e.encode(value), as: UTF8.self)
    }
}
