import CordInventory

/// The oracle of an import's problems, whatever the format: each has a short, printable message and names a line
/// of the input.
enum ImportOutcomeOracle {
    static func check(_ issues: [ImportIssue], of input: [UInt8], target: String) throws(FuzzViolation) {
        for issue in issues {
            try FuzzOracle.checkMessage(issue.description, of: target)
            try FuzzOracle.checkLine(issue.line, in: input, of: target)
        }
    }
}
