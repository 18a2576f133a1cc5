import ArgumentParser
import Foundation

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Install and inspect reference data (IPD-IMGT/HLA releases, NMDP MAC table, haplotype frequency sets).",
        discussion: "Data live in $CORDMATCH_HOME (default ~/.cordmatch). scripts/setup installs what it finds.",
        subcommands: [Status.self, Install.self, Use.self]
    )
}
