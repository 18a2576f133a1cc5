import ArgumentParser
import CordInventory
import CordService
import CordSupport
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import units (CSV or WMDA inventory XML) or recipients (CSV) into the inventory database.",
        discussion: """
            Units: columns named after WMDA inventory element paths (ID, STATUS, BIRTH_DATE, HLA_A_DNA_FIELD1, \
            HLA_A_SER_FIELD1, …, TNC, CD34PC, COLL_DATE, PROD_MOD, ATT_SEG, BANK_MANUF_ID, …, X_HLA_GL for a whole GL \
            string), or WMDA inventory XML 2.2/2.3 (UPDATE_MODE FULL replaces the pool, DIFF upserts); recipients: \
            ID, WEIGHT_KG, DISEASE, HLA, DSA, ABO, POLICY, ACTIVE. docs/FORMATS.md lists every column. A file \
            starting with '<' is XML: UTF-8, UTF-16, or ISO-8859-1/US-ASCII when its declaration says so; entities \
            other than the five predefined ones and DTD subsets are refused. \
            Every row is checked; every problem is reported as file:line: column: reason. By default one bad row \
            means nothing is imported (exit 1); --skip-invalid imports the valid rows and writes the rejected \
            ones with their reasons to a rejects file (exit 0). A missing or unreadable file, reference data that \
            cannot be loaded or a database that cannot be written (a full disk) end the run with exit 2, and nothing \
            is imported; the database is created (owner-only) only when the file can be read. Re-importing the same file changes nothing. Progress (records \
            read, rate, ETA) goes to stderr for unit files that take more than a second (--quiet: none). A unit \
            import that changes data rewrites the search index inside the database and its copy beside it \
            (DB-index, which searches map; safe to delete: docs/FORMATS.md).
            """,
        subcommands: [Units.self, Recipients.self])
}

struct ImportOptions: ParsableArguments {
    @Flag(help: "Import the valid rows and write the rejected ones to the rejects file.") var skipInvalid = false
    @Flag(help: "No progress on stderr (shown for unit files that take more than a second).") var quiet = false
    @Option(help: ArgumentHelp("Where rejected rows go with --skip-invalid (default: rejects.csv in the current folder).", valueName: "file"))
    var rejects: String?

    var rejectsPath: String { rejects ?? "rejects.csv" }

    /// With --skip-invalid: throws unless the rejects file can be written, before anything is imported.
    func checkRejectsFile() throws {
        if skipInvalid { try OwnerOnlyFile.checkTarget(rejectsPath) }
    }

    /// Runs the import and reports it; rejected rows (with --skip-invalid) go to the rejects file, owner-only.
    /// An import rejected as a whole throws `ImportRejected` (exit code 1), after the problems are printed.
    func run(_ what: String, _ db: String, _ body: () throws -> UnitImporter.Summary) throws {
        let s = try body()
        print("imported \(s.imported) \(what) into \(db) (\(s.changed) new or changed)")
        if !s.rejected.isEmpty {
            let path = rejectsPath
            let lines = ["file,line,column,reason"] + s.rejected.map { i in
                CSVText.row([i.file, String(i.line), i.column, i.reason], quoting: .always)
            }
            try OwnerOnlyFile.write(lines.joined(separator: "\n") + "\n", to: path)
            printError("\(s.rejected.count) problem(s) skipped; written to \(path)")
            for i in s.rejected.prefix(20) { printError("  \(i)") }
        }
    }
}
