import ArgumentParser
import CordMatch
import CordSupport
import Foundation
import HLA

extension DataCommand {
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install an IPD-IMGT/HLA release (from a folder or by download), an NMDP MAC file, or a haplotype frequency set.",
            discussion: """
                --from DIR       a release folder (or a folder of release folders) in the ANHIG/IMGTHLA layout
                --version V      download release V from github.com/ANHIG/IMGTHLA
                --repository A   ... or from a mirror A in that layout (network)
                --mac FILE       an NMDP MAC list in numer.v3.txt or alpha.v3.txt layout
                --tce FILE       the DPB1 T-cell-epitope table (IPD-IMGT/HLA tce/dpb_tce.csv)
                The newest installed release is the default unless --default names one.

                --haplotypes FILE installs a haplotype frequency set (Atlas HF-set JSON, or one \
                A*…~C*…~B*…~DRB1*…~DQB1*… haplotype and its frequency a line), translated to small g groups of the default \
                release. --population CODE and --registry CODE say whom it is for (default: the codes the file names; \
                none: the default set); a set for the same codes or of the same name is replaced. A set is refused, with \
                every problem's line, for names the release does not know, a haplotype given twice, or frequencies not \
                summing to 1 within 0.01 (docs/PROBABILITIES.md).
                """)

        @Option(help: ArgumentHelp("Release folder to install.", valueName: "dir")) var from: String?
        @Option(help: "Release version to download, e.g. 3.58.0.") var version: String?
        @Option(help: ArgumentHelp("With --version: where to download from (default: \(ReleaseDownloader.officialRepository)).",
                                   valueName: "address"))
        var repository: String?
        @Option(help: ArgumentHelp("NMDP MAC file to install.", valueName: "file")) var mac: String?
        @Option(help: ArgumentHelp("DPB1 T-cell-epitope table (IPD-IMGT/HLA tce/dpb_tce.csv) to install.", valueName: "file"))
        var tce: String?
        @Option(name: .customLong("default"), help: "Make this installed version the default.") var defaultVersion: String?
        @Option(help: ArgumentHelp("Haplotype frequency set to install (Atlas HF-set JSON or delimited).", valueName: "file"))
        var haplotypes: String?
        @Option(help: ArgumentHelp("With --haplotypes: the population (ethnicity) code the set is for.", valueName: "code"))
        var population: String?
        @Option(help: ArgumentHelp("With --haplotypes: the registry code the set is for.", valueName: "code"))
        var registry: String?

        func validate() throws {
            if repository != nil && version == nil { throw ValidationError("--repository goes with --version V") }
            if haplotypes == nil && (population != nil || registry != nil) {
                throw ValidationError("--population and --registry go with --haplotypes FILE")
            }
            if from == nil && version == nil && mac == nil && tce == nil && defaultVersion == nil && haplotypes == nil {
                throw ValidationError("say what to install: --from DIR, --version V, --mac FILE, --tce FILE, --haplotypes FILE (or --default V)")
            }
        }

        func run() async throws {
            let home = DataDirectory.resolve()
            if let from {
                let releases = DataDirectory.releases(at: URL(fileURLWithPath: from))
                if releases.isEmpty { throw CannotRun("no IPD-IMGT/HLA release (release_version.txt) found in \(from)") }
                for r in releases { try installAndCompile(r, home) }
            }
            if let version {
                let tmp = try OwnerOnlyFile.temporaryFolder("cordmatch-download")
                defer { try? FileManager.default.removeItem(at: tmp) }
                let downloader = ReleaseDownloader(repository: repository ?? ReleaseDownloader.officialRepository)
                printError("downloading IPD-IMGT/HLA \(version) from \(downloader.repository) …")
                try installAndCompile(try await downloader.download(version: version, into: tmp), home)
            }
            if let mac {
                try requireReadableFile(mac, "MAC file")
                let table = try home.installMAC(from: URL(fileURLWithPath: mac))
                print("installed MAC table: \(table.codes.count) codes → \(home.macFile.path)")
            }
            if let tce {
                try requireReadableFile(tce, "DPB1 T-cell-epitope table")
                let url = URL(fileURLWithPath: tce)
                let table = try DPB1TCETable.load(url)
                try home.installVerbatim(url, as: home.tceFile)
                print("installed DPB1 TCE table: \(table.groups.count) alleles and proteins\(table.version.map { ", IMGT/HLA \($0)" } ?? "") → \(home.tceFile.path)")
            }
            if let defaultVersion {
                try home.setDefault(defaultVersion)
                print("default IMGT/HLA release: \(defaultVersion)")
            }
            if let haplotypes {
                try requireReadableFile(haplotypes, "haplotype frequency set")
                try installHaplotypes(haplotypes, population: population, registry: registry, home)
            }
        }

        private func installAndCompile(_ release: ReleaseFolder, _ home: DataDirectory) throws {
            let v = try home.install(from: release)
            let (data, report) = try ReferenceDataLoader.load(try home.release(v), snapshotDirectory: home.snapshotDirectory)
            print("installed IMGT/HLA \(v): \(data.whoAlleles.count) alleles, rel_dna_ser \(data.relDnaSerLayout.rawValue), "
                  + "compiled in \(String(format: "%.1f", report.seconds)) s")
        }
    }
}
