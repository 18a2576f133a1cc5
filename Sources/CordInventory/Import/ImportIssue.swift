/// One problem found in an input file: file, line (or record), column and reason.
public struct ImportIssue: Error, CustomStringConvertible, Sendable, Hashable, Codable {
    public let file: String
    public let line: Int
    public let column: String
    public let reason: String

    public init(file: String, line: Int, column: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { column.isEmpty ? "\(file):\(line): \(reason)" : "\(file):\(line): \(column): \(reason)" }
}

/// An import that wrote nothing because of invalid rows; lists every problem.
public struct ImportRejected: Error, CustomStringConvertible, Sendable {
    public let issues: [ImportIssue]
    public var description: String {
        "\(issues.count) problem\(issues.count == 1 ? "" : "s"); nothing was imported:\n" + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
