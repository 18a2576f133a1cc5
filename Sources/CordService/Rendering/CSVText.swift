import Foundation

/// CSV as cordmatch writes it (RFC 4180): fields joined by commas, a field quoted when it holds a comma, a quote
/// or a line end (or always, for files whose readers expect every field quoted), quotes doubled.
public enum CSVText {
    /// When a field is quoted.
    public enum Quoting: Sendable {
        /// Only when it must be (a comma, a quote or a line end in it).
        case whenNeeded
        /// Every field (the rejects file of an import).
        case always
    }

    /// One field as written.
    ///
    /// - Parameters:
    ///   - s: The field's value.
    ///   - quoting: `.whenNeeded` quotes a field holding a comma, a quote or a line break; `.always` quotes every
    ///     one.
    /// - Returns: The field, quoted with inner quotes doubled when quoted.
    public static func field(_ s: String, quoting: Quoting = .whenNeeded) -> String {
        let needed = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard needed || quoting == .always else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row of fields.
    ///
    /// - Parameters:
    ///   - fields: The values, in column order.
    ///   - quoting: As for `field(_:quoting:)`.
    /// - Returns: The fields joined by commas, with no line end.
    public static func row(_ fields: [String], quoting: Quoting = .whenNeeded) -> String {
        fields.map { field($0, quoting: quoting) }.joined(separator: ",")
    }
}
