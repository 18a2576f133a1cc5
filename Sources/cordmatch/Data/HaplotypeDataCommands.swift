import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation
import HLA

/// `data install --haplotypes` and the haplotype lines of `data status`.
extension DataCommand {
    /// A resolver for the default installed release, with the installed MAC and TCE tables.
    static func defaultResolver(_ home: DataDirectory) throws -> TypingResolver {
        try ReferenceSource(home: home).resolver(.standard, withMACs: (try? home.installedMACs()) != nil)
    }

    /// One line per installed haplotype frequency set (or why there are none).
    static func haplotypeStatusLines(_ home: DataDirectory) -> [String] {
        let installed = InstalledHaplotypeSets(home: home)
        guard let entries = try? installed.entries(), !entries.isEmpty else {
            return ["haplotype sets: none installed (no match probabilities; cordmatch data install --haplotypes FILE)"]
        }
        guard let resolver = try? defaultResolver(home), let loaded = try? installed.load(resolver: resolver) else {
            return ["haplotype sets: \(entries.count) installed, not readable without an installed IMGT/HLA release"]
        }
        let hasDefault = loaded.contains { $0.set?.metadata.isGlobal == true }
        var lines = loaded.map { l -> String in
            guard let set = l.set else { return "haplotype set \(l.entry.name): not usable with IMGT/HLA \(resolver.data.version): \(l.problem ?? "")" }
            return "haplotype set \(set.name)\(set.metadata.isGlobal ? "  (default)" : "")  " + describe(set)
        }
        if !hasDefault {
            lines.append("haplotype sets: no default set (one installed without --population and --registry); "
                         + "subjects whose codes match no set get no probabilities")
        }
        return lines
    }

    /// Haplotypes, frequency sum, resolution, nomenclature, populations and registries of a set.
    static func describe(_ set: HaplotypeFrequencySet) -> String {
        let m = set.metadata
        let codes = { (c: [String]) in c.isEmpty ? "any" : c.joined(separator: ", ") }
        return "\(set.count) haplotypes, frequency sum \(String(format: "%.4f", m.frequencySum)), small g groups (file: \(m.sourceResolution), "
            + "\(m.sourceFormat)), nomenclature \(m.nomenclatureVersion ?? "not stated") → IMGT/HLA \(m.release), "
            + "populations: \(codes(m.populations)), registries: \(codes(m.registries))"
    }
}

extension DataCommand.Install {
    /// Installs a haplotype frequency set (owner-only files, as every file cordmatch writes); a refused file prints
    /// each problem and ends with exit code 1.
    func installHaplotypes(_ file: String, population: String?, registry: String?, _ home: DataDirectory) throws {
        let resolver = try DataCommand.defaultResolver(home)
        do {
            let done = try InstalledHaplotypeSets(home: home).install(URL(fileURLWithPath: file), population: population,
                                                                      registry: registry, resolver: resolver)
            for w in done.warnings { printError("warning: \(w)") }
            let replaced = done.replaced.isEmpty ? "" : " (replaces \(done.replaced.joined(separator: ", ")))"
            print("installed haplotype set \(done.set.name)\(replaced): \(DataCommand.describe(done.set)); "
                  + "\(done.haplotypesRead) haplotypes read → \(done.path.path)")
        } catch let e as InstalledHaplotypeSets.InstallError {
            printError("ERROR: \(e)")
            throw InputProblems()
        }
    }
}
