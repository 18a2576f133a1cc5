import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation

/// `--db`, else `$CORDMATCH_DB`, else `./cordmatch.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The inventory database (default: $CORDMATCH_DB, else ./cordmatch.sqlite).", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["CORDMATCH_DB"] ?? "cordmatch.sqlite" }

    /// True when the path was given (`--db` or `$CORDMATCH_DB`), not the default.
    var isGiven: Bool { db != nil || ProcessInfo.processInfo.environment["CORDMATCH_DB"] != nil }

    /// Opens the database as `mode` allows: only commands that write an inventory create one (owner-only: it holds
    /// patient data), and a missing, empty or foreign file is an error for every other (`InventoryOpenError`).
    func open(_ mode: InventoryStore.OpenMode) throws -> InventoryStore {
        try InventoryStore(path: path, mode: mode)
    }

    /// The database as a service (search, explain, reports) in `mode`, its typings resolved under the release
    /// `reference` names, else the database's own — followed when a release switch commits while the service
    /// runs (a server) — with the installed haplotype frequency sets.
    func service(_ mode: InventoryStore.OpenMode, _ reference: ReferenceOptions) throws -> InventoryService {
        try InventoryService(store: try open(mode), source: reference.source, release: reference.named)
    }

    /// The database an import writes (created when missing) and the resolver of its typings: the release
    /// `reference` names, else the database's own, else the default. The release is loaded before a new database
    /// is created, so a release that cannot be loaded leaves nothing behind.
    func openForImport(_ reference: ReferenceOptions) throws -> (InventoryStore, TypingResolver) {
        if FileManager.default.fileExists(atPath: path) {
            let store = try open(.createIfMissing)
            return (store, try reference.resolver(for: store))
        }
        let resolver = try reference.resolver()
        return (try open(.createIfMissing), resolver)
    }
}

/// Checks that an input file can be read before anything else is done (a database created, a release loaded):
/// a missing or unreadable input means the run cannot start (exit code 2), and nothing is changed. `-` is
/// standard input.
func requireReadableFile(_ path: String, _ what: String) throws {
    guard path != InputFile.standardInputName else { return }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CannotRun("cannot read the \(what) \(path): no such file")
    }
    guard !isFolder.boolValue else { throw CannotRun("cannot read the \(what) \(path): it is a folder") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CannotRun("cannot read the \(what) \(path): \(String(cString: strerror(errno)))")
    }
    try? handle.close()
}
