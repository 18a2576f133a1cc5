import ArgumentParser
import CordInventory
import CordMatch
import CordServer
import Foundation

enum AuditFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit trail: who searched, viewed or requested what, for which recipient, when (and the imports).",
        discussion: "Example: cordmatch audit --db bank.sqlite --recipient R-0001 --since 2026-12-01")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only entries about this recipient.") var recipient: String?
    @Option(help: "Only entries of this user.") var user: String?
    @Option(help: "Only entries from this day on (YYYY-MM-DD, UTC).") var since: String?
    @Option(help: "Output: table, or json (cordmatch.audit/1).") var format: AuditFormat = .table

    func validate() throws {
        do { _ = try since.map { try AuditEntry.Filter.day($0, parameter: "--since") } } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        let access = InventoryAccess(accountsOf: try database.open(.readOnly))
        let entries = try access.audit(AuditEntry.Filter(recipientID: recipient, actor: user, since: since))
        switch format {
        case .json:
            print(AuditDocument.json(entries))
        case .table:
            for e in entries {
                print([e.at, e.actor ?? "(cli)", e.action, e.recipientId ?? "-", e.unitId ?? "-", e.detail].joined(separator: "\t"))
            }
        }
    }
}
