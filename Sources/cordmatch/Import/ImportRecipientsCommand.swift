import ArgumentParser
import CordInventory
import Foundation

extension ImportCommand {
    struct Recipients: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "recipients", abstract: "Import recipients from a CSV file.")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var importOptions: ImportOptions
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            try requireReadableFile(file, "recipients file")
            try importOptions.checkRejectsFile()
            let (store, resolver) = try database.openForImport(reference)
            let importer = RecipientCSVImporter(resolver: resolver)
            try importOptions.run("recipients", database.path) { try importer.importFile(file, into: store, skipInvalid: importOptions.skipInvalid) }
        }
    }
}
