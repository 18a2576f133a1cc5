import ArgumentParser
import CordInventory
import Foundation

extension ImportCommand {
    struct Units: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "units", abstract: "Import units from a CSV or WMDA inventory XML file.")
        @Argument(help: "The CSV or XML file.") var file: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var importOptions: ImportOptions
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            try requireReadableFile(file, "units file")
            try importOptions.checkRejectsFile()
            let (store, resolver) = try database.openForImport(reference)
            let importer = UnitImporter(resolver: resolver)
            let meter = ProgressMeter(quiet: importOptions.quiet, delay: 1)
            try importOptions.run("units", database.path) {
                defer { meter.finish() }
                return try importer.importFile(file, into: store, skipInvalid: importOptions.skipInvalid) { meter.update($0) }
            }
        }
    }
}
