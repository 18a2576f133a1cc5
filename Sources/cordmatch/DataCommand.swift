import ArgumentParser
import CordInventory
import CordMatch
import CordSupport
import Foundation
import HLA

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Install and inspect reference data (IPD-IMGT/HLA releases, NMDP MAC table, haplotype frequency sets).",
        discussion: "Data live in $CORDMATCH_HOME (default ~/.cordmatch). scripts/setup installs what it finds.",
        subcommands: [Status.self, Install.self, Use.self]
    )

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show installed releases, the default one, and the MAC table.")

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

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install an IPD-IMGT/HLA release (from a folder or by download), an NMDP MAC file, or a haplotype frequency set.",
            discussion: """
                --from DIR       a release folder (or a folder of release folders) in the ANHIG/IMGTHLA layout \
                --version V      download release V from github.com/ANHIG/IMGTHLA (needs network) \
                --mac FILE       an NMDP MAC list in numer.v3.txt or alpha.v3.txt layout \
                --tce FILE       the DPB1 T-cell-epitope table (IPD-IMGT/HLA tce/dpb_tce.csv) \
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
                printError("downloading IPD-IMGT/HLA \(version) from \(ReleaseDownloader.repository) …")
                try installAndCompile(try await ReleaseDownloader().download(version: version, into: tmp), home)
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

extension DataCommand {
    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an installed release the default and re-resolve the database's typings under it.",
            discussion: """
                Reports every stored typing that became invalid (it stays out of searches until corrected) or changed \
                meaning (other P groups or antigens at some position), then stamps the rest with the release and \
                rebuilds the search index, in one transaction. Exit code 1 when any typing became invalid; 2 when the \
                release is not installed or the database named (--db, $CORDMATCH_DB) does not exist or is not an \
                inventory (then nothing is changed). Without a database only the default release is switched.
                Example: cordmatch data use 3.58.0 --db inventory.sqlite
                """)
        @Argument(help: "An installed release, e.g. 3.58.0.") var version: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let home = DataDirectory.resolve()
            let resolver: @Sendable (String) throws -> TypingResolver = { v in
                let (data, _) = try ReferenceDataLoader.load(try home.release(v), snapshotDirectory: home.snapshotDirectory)
                return TypingResolver(data, macs: try? home.installedMACs(), tce: try? DPB1TCETable.load(home.tceFile))
            }
            let target = try resolver(version)
            // A database named (--db, $CORDMATCH_DB) must be an inventory before anything changes; without one, only
            // the default release is switched.
            let store = database.isGiven || FileManager.default.fileExists(atPath: database.path) ? try database.open(.existing) : nil
            try home.setDefault(version)
            print("default IMGT/HLA release: \(version)")
            guard let store else {
                print("no database at \(database.path): nothing to re-resolve")
                return
            }
            let report = try ReleaseSwitch(from: resolver, to: target).run(on: store)
            print("re-resolved \(report.units) units and \(report.recipients) recipients under IMGT/HLA \(version)")
            for f in report.findings { print("\(f.kind == .invalid ? "INVALID" : "CHANGED") \(f.record) \(f.id): \(f.detail)") }
            if report.findings.contains(where: { $0.kind == .invalid }) { throw InputProblems() }
        }
    }
}
