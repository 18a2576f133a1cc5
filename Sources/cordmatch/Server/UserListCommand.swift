import ArgumentParser
import CordInventory
import CordServer
import Foundation

extension UserCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts: name, role, disabled, created.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.readOnly))
            for a in try access.accounts() {
                print("\(a.name)\t\(a.role.rawValue)\t\(a.disabled ? "disabled" : "active")\t\(a.createdAt)")
            }
        }
    }
}
