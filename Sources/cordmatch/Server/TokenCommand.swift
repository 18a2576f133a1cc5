import ArgumentParser
import CordInventory
import CordServer
import Foundation

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens: create (shown once, stored hashed), list, revoke.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token acting for a user, with that user's role; it is printed once and stored only as a digest.",
            discussion: "Example: cordmatch token create alice --label 'registry sync' --db bank.sqlite\nSend it as: Authorization: Bearer <token>")
        @Argument(help: "The user the token acts for.") var name: String
        @Option(help: "What the token is for.") var label = ""
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.existing))
            try await CLIActor.change {
                let (secret, row) = try await AccountAdministration(access: access).createToken(for: name, label: label, actor: CLIActor.name)
                printError("token \(row.id) for \(name): shown once, store it now")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens: id, user, label, created, revoked.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.readOnly))
            for (t, user) in try access.tokens() {
                print("\(t.id)\t\(user)\t\(t.label)\t\(t.createdAt)\t\(t.revokedAt.map { "revoked \($0)" } ?? "active")")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (token list shows them).")
        @Argument(help: "The token's id.") var id: Int64
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.existing))
            try await CLIActor.change { try access.revokeToken(id: id, actor: CLIActor.name) }
            print("revoked token \(id)")
        }
    }
}
