import ArgumentParser
import CordInventory
import CordServer
import Foundation

extension UserCommand {
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account: it signs in no more; its sessions and tokens are revoked.")
        @Argument(help: "The user name.") var name: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.existing))
            try await CLIActor.change { try access.disableAccount(named: name, actor: CLIActor.name) }
            print("disabled \(name)")
        }
    }
}
