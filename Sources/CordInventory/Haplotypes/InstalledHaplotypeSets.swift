import CordMatch
import CordSupport
import Foundation
import HLA

/// The haplotype frequency sets installed in the data directory:
///
/// ```
/// haplotypes/<name>.json|.txt   each set's file, unmodified, as installed
/// haplotypes/sets.json          the list: name, file, populations and registries of each set
/// cache/haplotypes-<name>-<release>-<key>.snapshot   the set compiled for a release (safe to delete)
/// ```
///
/// A set is kept for its population and registry codes; installing another set for the same codes, or under the
/// same name, replaces it. The set for no codes is the default (`HaplotypeSets.defaultImputer`). Every file is
/// written through a temporary file and renamed (`DataDirectory.installData`).
public struct InstalledHaplotypeSets: Sendable {
    /// The data directory the sets are installed in.
    public let home: DataDirectory

    /// The sets of a data directory; nothing is read yet.
    ///
    /// - Parameter home: The data directory.
    public init(home: DataDirectory) { self.home = home }

    /// One installed set, as `sets.json` lists it.
    public struct Entry: Codable, Sendable, Equatable {
        /// The set's name (the installed file's name without its extension).
        public let name: String
        /// The installed file's name in `haplotypes/`.
        public let file: String
        /// The population codes the set is for; empty: any.
        public let populations: [String]
        /// The registry codes the set is for; empty: any.
        public let registries: [String]
    }

    private struct Catalog: Codable {
        var schema = "cordmatch.haplotype-sets/1"
        var sets: [Entry]
    }

    var catalogFile: URL { home.haplotypesDirectory.appendingPathComponent("sets.json") }

    /// The installed sets, in installation order.
    /// - Throws: when `sets.json` exists but cannot be read.
    /// - Returns: The entries of `sets.json`, or none when it does not exist.
    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: catalogFile.path) else { return [] }
        return try JSONDecoder().decode(Catalog.self, from: Data(contentsOf: catalogFile)).sets
    }

    /// What an installation did.
    public struct Installation: Sendable {
        /// The set, compiled for the resolver's release.
        public let set: HaplotypeFrequencySet
        /// Warnings of the translation (renamed alleles, merged haplotypes, another nomenclature version).
        public let warnings: [HaplotypeSetProblem]
        /// The number of haplotypes in the file, before merging.
        public let haplotypesRead: Int
        /// Sets this one replaced.
        public let replaced: [String]
        /// Where the file was installed.
        public let path: URL
    }

    /// Why a set cannot be installed or loaded.
    public enum InstallError: Error, CustomStringConvertible {
        /// The file was refused, with every problem.
        case rejected(HaplotypeSetRejection)
        /// A population or registry code that is not one.
        case invalidCode(String)

        /// The rejection's problems, one a line, or what is wrong with the code.
        public var description: String {
            switch self {
            case .rejected(let r): r.description
            case .invalidCode(let c): "'\(InputExcerpt.of(c))' is not a population or registry code (1–32 letters, digits, '-' or '_')"
            }
        }
    }

    /// Reads, translates to `resolver`'s release and installs the set in `file`.
    /// - Parameters:
    ///   - file: an Atlas HF-set JSON or delimited file.
    ///   - population: the population code the set is for (nil: those the file names, if any).
    ///   - registry: the registry code the set is for (nil: those the file names, if any).
    ///   - resolver: the resolver of the release to translate to (the installed default).
    /// - Returns: the compiled set, warnings, and what it replaced.
    /// - Throws: `InstallError` for a refused file or code; file system errors.
    public func install(_ file: URL, population: String?, registry: String?, resolver: TypingResolver) throws -> Installation {
        for code in [population, registry].compactMap({ $0 }) where !HaplotypeSetFile.isCode(code) { throw InstallError.invalidCode(code) }
        let bytes: [UInt8]
        do { bytes = try HaplotypeSetFile.bytesOf(file) } catch {
            throw InstallError.rejected(HaplotypeSetRejection(problems: [HaplotypeSetProblem(file: file.path, line: nil, field: "file", reason: error.description)]))
        }
        let name = Self.name(of: file)
        let source: HaplotypeSetSource
        let built: HaplotypeSetBuilder.Result
        do {
            source = try HaplotypeSetFile.read(bytes, file: file.path)
            built = try HaplotypeSetBuilder(groups: SmallGGroups.shared(for: resolver))
                .build(source, name: name, populations: population.map { [$0] }, registries: registry.map { [$0] })
        } catch {
            throw InstallError.rejected(error)
        }
        let storedName = name + (source.format == AtlasHaplotypeSetJSON.format ? ".json" : ".txt")
        let entry = Entry(name: name, file: storedName, populations: built.set.metadata.populations, registries: built.set.metadata.registries)
        let stored = home.haplotypesDirectory.appendingPathComponent(storedName)
        try home.installData(Data(bytes), as: stored)
        try writeSnapshot(built.set, entry: entry, bytes: bytes)
        var sets = try entries()
        let replaced = sets.filter { $0.name == name || ($0.populations == entry.populations && $0.registries == entry.registries) }
        sets.removeAll { e in replaced.contains { $0.name == e.name } }
        sets.append(entry)
        try home.installData(try Self.encoder.encode(Catalog(sets: sets)), as: catalogFile)
        for old in replaced where old.file != storedName {
            try? FileManager.default.removeItem(at: home.haplotypesDirectory.appendingPathComponent(old.file))
        }
        removeSnapshots(of: replaced.map(\.name), except: snapshotURL(entry, release: built.set.metadata.release,
                                                                     key: Self.sourceKey(bytes, entry, release: built.set.metadata.release)))
        return Installation(set: built.set, warnings: built.warnings, haplotypesRead: source.records.count,
                            replaced: replaced.map(\.name), path: stored)
    }

    /// One installed set as loaded for a release, or why it could not be.
    public struct Loaded: Sendable {
        /// The entry of `sets.json`.
        public let entry: Entry
        /// The compiled set, or nil when it could not be compiled (see `problem`).
        public let set: HaplotypeFrequencySet?
        /// Why the set could not be compiled for this release (its names may not exist in it).
        public let problem: String?
        /// True when it came from its snapshot, false when its file was compiled now.
        public let fromSnapshot: Bool
    }

    /// Every installed set, compiled for `resolver`'s release: from its snapshot when one matches, else from its
    /// file (and the snapshot is written for next time).
    /// - Parameter resolver: the resolver of the release in use.
    /// - Returns: the sets, each loaded or with the reason it could not be.
    /// - Throws: when `sets.json` cannot be read.
    public func load(resolver: TypingResolver) throws -> [Loaded] {
        try entries().map { entry in
            let url = home.haplotypesDirectory.appendingPathComponent(entry.file)
            guard let bytes = try? HaplotypeSetFile.bytesOf(url) else {
                return Loaded(entry: entry, set: nil, problem: "\(url.path) is missing or cannot be read", fromSnapshot: false)
            }
            let key = Self.sourceKey(bytes, entry, release: resolver.data.version)
            if let data = try? Data(contentsOf: snapshotURL(entry, release: resolver.data.version, key: key)),
               let set = HaplotypeSetSnapshot.decode(data, sourceKey: key, release: resolver.data.version) {
                return Loaded(entry: entry, set: set, problem: nil, fromSnapshot: true)
            }
            do {
                let source = try HaplotypeSetFile.read(bytes, file: url.path)
                let set = try HaplotypeSetBuilder(groups: SmallGGroups.shared(for: resolver))
                    .build(source, name: entry.name, populations: entry.populations, registries: entry.registries).set
                try? writeSnapshot(set, entry: entry, bytes: bytes)
                return Loaded(entry: entry, set: set, problem: nil, fromSnapshot: false)
            } catch {
                return Loaded(entry: entry, set: nil, problem: "\(error)", fromSnapshot: false)
            }
        }
    }

    /// The loaded sets with their imputers (sets that could not be loaded are left out).
    /// - Parameter resolver: the resolver of the release in use.
    /// - Returns: the sets; empty when none is installed (then the release's small g groups are not built).
    /// - Throws: when `sets.json` cannot be read.
    public func sets(resolver: TypingResolver) throws -> HaplotypeSets {
        let loaded = try load(resolver: resolver).compactMap(\.set)
        return loaded.isEmpty ? HaplotypeSets() : HaplotypeSets(loaded, groups: SmallGGroups.shared(for: resolver))
    }

    private func writeSnapshot(_ set: HaplotypeFrequencySet, entry: Entry, bytes: [UInt8]) throws {
        let key = Self.sourceKey(bytes, entry, release: set.metadata.release)
        try home.installData(HaplotypeSetSnapshot.encode(set, sourceKey: key), as: snapshotURL(entry, release: set.metadata.release, key: key))
    }

    /// Removes the compiled snapshots of the sets named, but `keep`.
    private func removeSnapshots(of names: [String], except keep: URL) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: home.snapshotDirectory.path)) ?? []
        for f in files where names.contains(where: { f.hasPrefix("haplotypes-\($0)-") }) && f != keep.lastPathComponent {
            try? FileManager.default.removeItem(at: home.snapshotDirectory.appendingPathComponent(f))
        }
    }

    private func snapshotURL(_ entry: Entry, release: String, key: UInt64) -> URL {
        home.snapshotDirectory.appendingPathComponent("haplotypes-\(entry.name)-\(release)-\(String(key, radix: 16)).snapshot")
    }

    /// Names what a compiled set depends on: the file, the codes, the name and the release.
    static func sourceKey(_ bytes: [UInt8], _ entry: Entry, release: String) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        h.add(Array("|\(entry.name)|\(entry.populations.joined(separator: ","))|\(entry.registries.joined(separator: ","))|\(release)".utf8))
        return h.value
    }

    /// A set's name: its file's name without the extension, in letters, digits, `-`, `_` and `.` (others become `_`).
    static func name(of file: URL) -> String {
        let base = file.deletingPathExtension().lastPathComponent
        let cleaned = String(base.unicodeScalars.prefix(64).map {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0) ? Character($0) : "_"
        })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "set" + cleaned : cleaned
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return e
    }()
}
