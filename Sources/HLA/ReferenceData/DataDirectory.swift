import CordSupport
import Foundation

/// Where cordmatch keeps installed reference data: `$CORDMATCH_HOME`, else `~/.cordmatch`.
///
/// ```
/// imgt/<version>/…   unmodified IPD-IMGT/HLA release files (the files `ReleaseFolder` reads, plus LICENCE.md)
/// imgt/DEFAULT       the version used when none is named
/// mac/mac-codes.txt  the installed NMDP MAC table, if any
/// haplotypes/        installed haplotype frequency sets: each file as installed, and sets.json listing them
/// cache/             compiled snapshots (safe to delete)
/// ```
///
/// Every file written here is owner-only (0600) and every folder created 0700 (`OwnerOnlyFile`).
public struct DataDirectory: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `$CORDMATCH_HOME`, else `~/.cordmatch`.
    public static func resolve(_ env: [String: String] = ProcessInfo.processInfo.environment) -> DataDirectory {
        if let home = env["CORDMATCH_HOME"], !home.isEmpty { return DataDirectory(root: URL(fileURLWithPath: home)) }
        return DataDirectory(root: FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cordmatch"))
    }

    public var imgtRoot: URL { root.appendingPathComponent("imgt") }
    public var snapshotDirectory: URL { root.appendingPathComponent("cache") }
    public var macFile: URL { root.appendingPathComponent("mac/mac-codes.txt") }
    /// The installed DPB1 T-cell-epitope table (IPD-IMGT/HLA `tce/dpb_tce.csv`), if any.
    public var tceFile: URL { root.appendingPathComponent("tce/dpb_tce.csv") }
    private var defaultFile: URL { imgtRoot.appendingPathComponent("DEFAULT") }
    /// Installed haplotype frequency sets (the files as installed, and `sets.json`, the list of them).
    public var haplotypesDirectory: URL { root.appendingPathComponent("haplotypes") }

    /// Installed release versions, oldest first.
    public func installedVersions() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: imgtRoot.path)) ?? []
        return names.filter { ReleaseFolder(imgtRoot.appendingPathComponent($0)).missingFiles().isEmpty }
            .sorted(by: Self.versionPrecedes)
    }

    /// The default release: the one set with `setDefault`, else the newest installed.
    public func defaultVersion() -> String? {
        if let d = try? String(contentsOf: defaultFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           installedVersions().contains(d) { return d }
        return installedVersions().last
    }

    public func setDefault(_ version: String) throws {
        guard installedVersions().contains(version) else {
            throw ReferenceDataError.notInstalled("IMGT/HLA \(version) is not installed (installed: \(installedVersions().joined(separator: ", ")))")
        }
        try ReferenceDataLoader.writeAtomically(Data((version + "\n").utf8), to: defaultFile)
    }

    /// The folder of an installed release (`nil`: the default one).
    public func release(_ version: String?) throws -> ReleaseFolder {
        guard let v = version ?? defaultVersion() else {
            throw ReferenceDataError.notInstalled(
                "no IMGT/HLA release is installed in \(imgtRoot.path): run scripts/setup, or cordmatch data install --from DIR")
        }
        let folder = ReleaseFolder(imgtRoot.appendingPathComponent(v))
        guard folder.missingFiles().isEmpty else {
            throw ReferenceDataError.notInstalled(
                "IMGT/HLA \(v) is not installed (installed: \(installedVersions().joined(separator: ", ")); cordmatch data install --version \(v))")
        }
        return folder
    }

    /// Copies a release folder's files in, unmodified and owner-only (`OwnerOnlyFile`); the copy appears whole or
    /// not at all. Returns the version.
    @discardableResult
    public func install(from source: ReleaseFolder) throws -> String {
        let missing = source.missingFiles()
        guard missing.isEmpty else {
            throw ReferenceDataError.missingFile(missing.map { source.path($0) }.joined(separator: ", "))
        }
        let version = try source.version()
        let fm = FileManager.default
        let staging = imgtRoot.appendingPathComponent(".install-\(version)-\(getpid())")
        try? fm.removeItem(at: staging)
        for f in ReleaseFolder.requiredFiles + ["LICENCE.md"] where fm.fileExists(atPath: source.path(f)) {
            let dest = staging.appendingPathComponent(f)
            try OwnerOnlyFile.createFolder(dest.deletingLastPathComponent().path)
            try OwnerOnlyFile.write(try Data(contentsOf: URL(fileURLWithPath: source.path(f))), to: dest.path)
        }
        let final = imgtRoot.appendingPathComponent(version)
        try? fm.removeItem(at: final)
        try fm.moveItem(at: staging, to: final)
        return version
    }

    /// Validates and installs an NMDP MAC file (numer.v3 or alpha.v3 layout).
    public func installMAC(from file: URL) throws -> MACTable {
        let table = try MACTable.load(file)
        try installVerbatim(file, as: macFile)
        return table
    }

    /// Copies a file in unmodified, atomically and owner-only (the caller has validated it).
    public func installVerbatim(_ file: URL, as destination: URL) throws {
        try ReferenceDataLoader.writeAtomically(try Data(contentsOf: file), to: destination)
    }

    /// Writes `data` to `destination` atomically: readers see the old file or the new one, never a part.
    public func installData(_ data: Data, as destination: URL) throws {
        try ReferenceDataLoader.writeAtomically(data, to: destination)
    }

    /// The installed MAC table, if any.
    public func installedMACs() throws -> MACTable? {
        FileManager.default.fileExists(atPath: macFile.path) ? try MACTable.load(macFile) : nil
    }

    /// Release folders found at `url`: the folder itself when it is a release, else its release subfolders.
    public static func releases(at url: URL) -> [ReleaseFolder] {
        let direct = ReleaseFolder(url)
        if FileManager.default.fileExists(atPath: direct.path("release_version.txt")) { return [direct] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted(by: versionPrecedes).map { ReleaseFolder(url.appendingPathComponent($0)) }
            .filter { FileManager.default.fileExists(atPath: $0.path("release_version.txt")) }
    }

    /// Numeric version order (3.9.0 before 3.10.0).
    public static func versionPrecedes(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? -1 }, y = b.split(separator: ".").map { Int($0) ?? -1 }
        return x.lexicographicallyPrecedes(y)
    }
}
