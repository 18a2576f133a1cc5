import Foundation

/// The JSON form every versioned report of cordmatch takes (`cordmatch.search/1`, `cordmatch.explain/1`,
/// `cordmatch.rematch/1`, `cordmatch.hla/1`): snake_case keys, sorted, pretty-printed, slashes not escaped — so
/// that the same data give the same bytes, and scripts and diffs can read them.
public enum ReportJSON {
    /// The JSON text of `report`.
    ///
    /// - Parameter report: A report model.
    /// - Returns: Pretty-printed JSON with snake_case, sorted keys and unescaped slashes.
    public static func text(_ report: some Encodable) -> String {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Reports hold strings, integers, booleans and finite numbers only: encoding cannot fail.
        return String(decoding: try! e.encode(report), as: UTF8.self)
    }
}
