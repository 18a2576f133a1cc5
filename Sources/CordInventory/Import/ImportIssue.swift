/// One problem found in an input file: file, line (or record), column and reason.
public struct ImportIssue: Error, CustomStringConvertible, Sendable, Hashable, Codable {
    /// The file's name (or `standard input`).
    public let file: String
    /// The 1-based line the record starts on (0: the file as a whole).
    public let line: Int
    /// The column (or element path) of the problem, empty when it is not one column's.
    public let column: String
    /// What is wrong, quoting the input through `InputExcerpt`.
    public let reason: String

    /// Makes an issue.
    ///
    /// - Parameters:
    ///   - file: The file's name.
    ///   - line: The 1-based line.
    ///   - column: The column, or empty.
    ///   - reason: What is wrong.
    public init(file: String, line: Int, column: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line: column: reason` (no column when empty).
    public var description: String { column.isEmpty ? "\(file):\(line): \(reason)" : "\(file):\(line): \(column): \(reason)" }
}

/// An import that wrote nothing because of invalid rows; lists every problem.
public struct ImportRejected: Error, CustomStringConvertible, Sendable {
    /// Every problem found, in file order.
    public let issues: [ImportIssue]
    /// The number of problems, `nothing was imported`, and one indented line per problem.
    public var description: String {
        "\(issues.count) problem\(issues.count == 1 ? "" : "s"); nothing was imported:\n" + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
