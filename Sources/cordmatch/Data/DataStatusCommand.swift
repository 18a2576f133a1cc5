import ArgumentParser
import CordMatch
import Foundation
import HLA

extension DataCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show installed releases, the default one, and the MAC table.")

        func run() throws {
            let home = DataDirectory.resolve()
            print("data directory: \(home.root.path)")
            let versions = home.installedVersions()
            if versions.isEmpty { print("IMGT/HLA releases: none installed (run scripts/setup)") }
            let def = home.defaultVersion()
            for v in versions {
                let folder = try home.release(v)
                var line = "IMGT/HLA \(v)\(v == def ? "  (default)" : "")"
                if let (data, report) = try? ReferenceDataLoader.load(folder, snapshotDirectory: home.snapshotDirectory) {
                    line += "  rel_dna_ser \(data.relDnaSerLayout.rawValue), \(data.whoAlleles.count) alleles, "
                        + (report.fromSnapshot ? "snapshot ok" : "snapshot built now")
                }
                print(line)
            }
            if let macs = try home.installedMACs() {
                print("MAC table: \(macs.codes.count) codes\(macs.lastUpdated.map { ", last updated \($0)" } ?? "") (\(home.macFile.path))")
            } else {
                print("MAC table: none installed (MAC typings such as A*02:AB are rejected; cordmatch data install --mac FILE)")
            }
            if let tce = try? DPB1TCETable.load(home.tceFile) {
                print("DPB1 TCE table: \(tce.groups.count) alleles and proteins\(tce.version.map { ", IMGT/HLA \($0)" } ?? "")")
            } else {
                print("DPB1 TCE table: none installed (DPB1 permissiveness reported as unknown; cordmatch data install --tce FILE)")
            }
            for line in haplotypeStatusLines(home) { print(line) }
        }
    }
}
