import ArgumentParser
import CordInventory
import CordServer
import Foundation

extension TokenCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens: id, user, label, created, revoked.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.readOnly))
            for (t, user) in try access.tokens() {
                print("\(t.id)\t\(user)\t\(t.label)\t\(t.createdAt)\t\(t.revokedAt.map { "revoked \($0)" } ?? "active")")
            }
        }
    }
}
