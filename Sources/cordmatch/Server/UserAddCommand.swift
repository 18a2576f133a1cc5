import ArgumentParser
import CordInventory
import CordServer
import Foundation

extension UserCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account; its password is read from standard input (never an argument).",
            discussion: """
                Roles: viewer (reads), coordinator (also records requests and notes), admin (also reads the audit trail \
                and the accounts). The password is the first line of standard input (at least 12 characters); at a \
                terminal it is asked for without echo.

                Example: cordmatch user add alice --role coordinator --db bank.sqlite < password.txt
                """)
        @Argument(help: "The user name (letters, digits, '.', '_', '@', '-').") var name: String
        @Option(help: "viewer, coordinator or admin.") var role: AccountRole
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let password = try PasswordInput.read(prompt: "Password for \(name): ")
            let access = InventoryAccess(accountsOf: try database.open(.existing))
            try await CLIActor.change {
                try await AccountAdministration(access: access).addUser(name, role: role, password: password, actor: CLIActor.name)
            }
            print("added \(name) (\(role.rawValue))")
        }
    }
}
