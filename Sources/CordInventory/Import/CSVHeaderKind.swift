/// Whether a CSV file is of the kind an importer reads at all: a file whose first line names none of the kind's
/// columns is another file (a wrong path, a password file, a report), and is refused with one short issue that
/// repeats nothing of it — not with one "unknown column" issue per field of its first line.
struct CSVHeaderKind: Sendable {
    /// "unit", "recipient".
    let name: String
    /// Some of the kind's columns, named in the issue.
    let examples: [String]
    let isKnown: @Sendable (String) -> Bool

    /// The issue of a header none of whose names is a column of this kind; nil when some name is.
    func foreignFileIssue(_ columns: [String], line: Int, file: String) -> ImportIssue? {
        guard !columns.contains(where: isKnown) else { return nil }
        return ImportIssue(file: file, line: line, column: "",
                           reason: "not a \(name) CSV file: its first line names none of the \(name) columns "
                               + "(\(examples.joined(separator: ", ")), …; docs/FORMATS.md)")
    }

    /// The issue of a header that names a column twice — a record becomes a map from column name to value, so
    /// one of the two would be lost; nil when no name is repeated.
    static func repeatedColumnIssue(_ columns: [String], line: Int, file: String) -> ImportIssue? {
        Set(columns).count == columns.count ? nil : ImportIssue(file: file, line: line, column: "", reason: "a column name appears twice")
    }
}
