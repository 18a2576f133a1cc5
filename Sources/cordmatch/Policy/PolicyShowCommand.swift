import ArgumentParser
import CordInventory
import CordMatch
import Foundation

extension PolicyCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a preset (or a policy file) as JSON.")
        @Argument(help: "A preset name or a policy file.") var policy: String

        func run() throws {
            print(PolicyLoader.encode(try PolicyReference(policy).load()))
        }
    }
}
