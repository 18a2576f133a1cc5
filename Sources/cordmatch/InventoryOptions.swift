import ArgumentParser
import CordInventory
import CordMatch
import Foundation

/// `--db`, else `$CORDMATCH_DB`, else `./cordmatch.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The inventory database (default: $CORDMATCH_DB, else ./cordmatch.sqlite).", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["CORDMATCH_DB"] ?? "cordmatch.sqlite" }

    /// Opens the database; files this process creates are owner-only (the inventory holds patient data).
    func open() throws -> InventoryStore {
        umask(0o077)
        do { return try InventoryStore(path: path) } catch { throw fatal("cannot open \(path): \(error)") }
    }
}

/// A resolver for the chosen release, with the installed MAC and TCE tables; a failure ends the run (exit 2).
func makeResolver(_ reference: ReferenceOptions) throws -> TypingResolver {
    do { return try reference.choice.resolver() } catch { throw fatal("\(error)") }
}
