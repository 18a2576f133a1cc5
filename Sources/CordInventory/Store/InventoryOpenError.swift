/// Why a database cannot be opened as an inventory, for the coordinator: the path, what is there, and what to do.
public struct InventoryOpenError: Error, CustomStringConvertible, Sendable {
    /// What is wrong with the database at a path.
    public enum Problem: Sendable, Equatable {
        /// No file at the path (only importers create an inventory).
        case missing
        /// A file of zero bytes.
        case emptyFile
        /// A folder, a device or anything but a plain file.
        case notAFile
        /// A file that does not start as a SQLite database does.
        case notSQLite
        /// A SQLite database without cordmatch's tables (another program's database, or an empty one).
        case notAnInventory
        /// An inventory whose schema lacks steps this version adds; a read-only open cannot add them.
        case olderSchema(missing: [String])
        /// An inventory with schema steps this version does not know.
        case newerSchema(unknown: [String])
        /// A symbolic link where a writing command would create or change files (`-wal`, `-shm`, the database
        /// itself): SQLite would write through it.
        case symbolicLink(String)
        /// On read-only storage, with a write-ahead log that still holds changes not in the database file.
        case unreadableLog
        /// An empty file that belongs to another user: patient data are not written into it.
        case foreignEmptyFile
        /// SQLite refused (the reason it gave).
        case cannotOpen(String)
    }

    /// The database file that could not be opened.
    public let path: String
    /// What is wrong with it.
    public let problem: Problem

    /// The error for `problem` with the database at `path`.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - problem: what is wrong with it.
    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The message for the coordinator: the path, what is there, and what to do (check `--db`, run an import, …).
    public var description: String {
        let create = "an import creates one (cordmatch import units FILE --db \(path))"
        switch problem {
        case .missing:
            return "no inventory database at \(path): check --db (or $CORDMATCH_DB); \(create)"
        case .emptyFile:
            return "\(path) is an empty file (0 bytes), not a cordmatch inventory: check --db; \(create)"
        case .notAFile:
            return "\(path) is not a database file (a folder or a device): check --db"
        case .notSQLite:
            return "\(path) is not a SQLite database, so not a cordmatch inventory: check --db"
        case .notAnInventory:
            return "\(path) is a SQLite database without cordmatch's tables, not a cordmatch inventory: check --db"
        case .olderSchema(let missing):
            return "\(path) was written by an older cordmatch (its schema lacks \(missing.joined(separator: ", "))), and a "
                + "read-only command cannot upgrade it: run a command that writes the inventory once (cordmatch import, "
                + "rematch or data use), where the database is writable"
        case .newerSchema(let unknown):
            return "\(path) was written by a newer cordmatch (schema steps \(unknown.joined(separator: ", ")) are unknown to "
                + "this one): use that version"
        case .symbolicLink(let link):
            return "\(link) is a symbolic link: cordmatch does not write an inventory through one (SQLite would write where "
                + "it leads); give the database's real path, and remove links planted beside it"
        case .unreadableLog:
            return "\(path) is on read-only storage and its write-ahead log \(path)-wal holds changes not yet in the "
                + "database file: open it once where it is writable (any command), then copy it"
        case .foreignEmptyFile:
            return "\(path) is an empty file that belongs to another user: cordmatch does not write patient data into it"
        case .cannotOpen(let reason):
            return "cannot open the inventory \(path): \(reason)"
        }
    }
}
