import HLA

/// One problem found in a haplotype frequency set file, for the coordinator who installs it:
/// `FILE:LINE: FIELD: reason` (no line when the problem is the whole file's, such as a wrong frequency sum).
/// Inputs are quoted through `InputExcerpt`.
public struct HaplotypeSetProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// The 1-based line, or nil for the whole file.
    public let line: Int?
    /// The field: a locus (`A`, `DRB1`), `frequency`, `haplotype`, or a JSON key.
    public let field: String
    public let reason: String

    public init(file: String, line: Int?, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(field): \(reason)" }
}

/// A haplotype frequency set that was refused, with every problem found (the first
/// `InputLimits.reportedSetProblems`, by line).
public struct HaplotypeSetRejection: Error, Sendable, CustomStringConvertible {
    public let problems: [HaplotypeSetProblem]
    /// True when more problems were found than are listed.
    public let truncated: Bool

    public init(problems: [HaplotypeSetProblem], truncated: Bool = false) {
        self.problems = problems
        self.truncated = truncated
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n") + (truncated ? "\n… (only the first \(problems.count) problems are listed)" : "")
    }
}

/// Collects the problems of one file up to `InputLimits.reportedSetProblems` and throws them together.
public struct HaplotypeSetProblems: Sendable {
    public let file: String
    public private(set) var problems: [HaplotypeSetProblem] = []
    public private(set) var truncated = false

    /// Problems of `file`.
    public init(file: String) { self.file = file }

    /// True when no more problems are kept.
    public var isFull: Bool { problems.count >= InputLimits.reportedSetProblems }

    /// Adds a problem (or notes that there are more than are kept).
    public mutating func add(_ p: HaplotypeSetProblem) {
        if isFull { truncated = true } else { problems.append(p) }
    }

    /// Adds a problem of this file.
    /// - Parameters:
    ///   - line: the 1-based line, nil for the whole file.
    ///   - field: the field (a locus, `frequency`, a key).
    ///   - reason: what is wrong, quoting inputs through `InputExcerpt`.
    public mutating func add(_ line: Int?, _ field: String, _ reason: String) {
        add(HaplotypeSetProblem(file: file, line: line, field: field, reason: reason))
    }

    /// Notes that more problems exist than were collected.
    public mutating func markTruncated() { truncated = true }

    /// Throws the problems collected, if any.
    /// - Throws: `HaplotypeSetRejection` with them.
    public func throwIfAny() throws(HaplotypeSetRejection) {
        if !problems.isEmpty { throw HaplotypeSetRejection(problems: problems, truncated: truncated) }
    }
}
