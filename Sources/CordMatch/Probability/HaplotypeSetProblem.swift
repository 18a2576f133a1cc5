import HLA

/// One problem found in a haplotype frequency set file, for the coordinator who installs it:
/// `FILE:LINE: FIELD: reason` (no line when the problem is the whole file's, such as a wrong frequency sum).
/// Inputs are quoted through `InputExcerpt`.
public struct HaplotypeSetProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file's name.
    public let file: String
    /// The 1-based line, or nil for the whole file.
    public let line: Int?
    /// The field: a locus (`A`, `DRB1`), `frequency`, `haplotype`, or a JSON key.
    public let field: String
    /// What is wrong, quoting inputs through `InputExcerpt`.
    public let reason: String

    /// Makes a problem.
    ///
    /// - Parameters:
    ///   - file: The file's name.
    ///   - line: The 1-based line, or nil for the whole file.
    ///   - field: The field.
    ///   - reason: What is wrong.
    public init(file: String, line: Int?, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `FILE:LINE: FIELD: reason` (no `:LINE` for the whole file).
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(field): \(reason)" }
}

/// A haplotype frequency set that was refused, with every problem found (the first
/// `InputLimits.reportedSetProblems`, by line).
public struct HaplotypeSetRejection: Error, Sendable, CustomStringConvertible {
    /// The problems listed, by line.
    public let problems: [HaplotypeSetProblem]
    /// True when more problems were found than are listed.
    public let truncated: Bool

    /// Makes a rejection.
    ///
    /// - Parameters:
    ///   - problems: The problems listed.
    ///   - truncated: Whether more were found than are listed.
    public init(problems: [HaplotypeSetProblem], truncated: Bool = false) {
        self.problems = problems
        self.truncated = truncated
    }

    /// One problem a line, and a last line saying when more were found than are listed.
    public var description: String {
        problems.map(\.description).joined(separator: "\n") + (truncated ? "\n… (only the first \(problems.count) problems are listed)" : "")
    }
}

/// Collects the problems of one file up to `InputLimits.reportedSetProblems` and throws them together.
public struct HaplotypeSetProblems: Sendable {
    /// The file's name.
    public let file: String
    /// The problems kept so far, at most `InputLimits.reportedSetProblems`.
    public private(set) var problems: [HaplotypeSetProblem] = []
    /// True when a problem was found after the list was full.
    public private(set) var truncated = false

    /// Problems of `file`.
    ///
    /// - Parameter file: The file's name.
    public init(file: String) { self.file = file }

    /// True when no more problems are kept.
    public var isFull: Bool { problems.count >= InputLimits.reportedSetProblems }

    /// Adds a problem (or notes that there are more than are kept).
    ///
    /// - Parameter p: The problem.
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
