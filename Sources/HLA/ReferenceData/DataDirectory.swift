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
    /// The data directory's folder; nothing under it needs to exist yet.
    public let root: URL

    /// Names a data directory; nothing is read or created.
    ///
    /// - Parameter root: The folder.
    public init(root: URL) { self.root = root }

    /// `$CORDMATCH_HOME`, else `~/.cordmatch`.
    ///
    /// - Parameter env: The environment to read `CORDMATCH_HOME` from (an empty value counts as unset).
    /// - Returns: The data directory.
    public static func resolve(_ env: [String: String] = ProcessInfo.processInfo.environment) -> DataDirectory {
        if let home = env["CORDMATCH_HOME"], !home.isEmpty { return DataDirectory(root: URL(fileURLWithPath: home)) }
        return DataDirectory(root: FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cordmatch"))
    }

    /// `imgt/`: one folder for each installed IPD-IMGT/HLA release, named by its version, and `DEFAULT`.
    public var imgtRoot: URL { root.appendingPathComponent("imgt") }
    /// `cache/`: the compiled release snapshots `ReferenceDataLoader` reads and writes (safe to delete).
    public var snapshotDirectory: URL { root.appendingPathComponent("cache") }
    /// `mac/mac-codes.txt`: the installed NMDP MAC table, if any.
    public var macFile: URL { root.appendingPathComponent("mac/mac-codes.txt") }
    /// The installed DPB1 T-cell-epitope table (IPD-IMGT/HLA `tce/dpb_tce.csv`), if any.
    public var tceFile: URL { root.appendingPathComponent("tce/dpb_tce.csv") }
    private var defaultFile: URL { imgtRoot.appendingPathComponent("DEFAULT") }
    /// Installed haplotype frequency sets (the files as installed, and `sets.json`, the list of them).
    public var haplotypesDirectory: URL { root.appendingPathComponent("haplotypes") }

    /// Installed release versions, oldest first.
    ///
    /// - Returns: The versions under `imgt/` that have every required file, by `versionPrecedes(_:_:)`.
    public func installedVersions() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: imgtRoot.path)) ?? []
        return names.filter { ReleaseFolder(imgtRoot.appendingPathComponent($0)).missingFiles().isEmpty }
            .sorted(by: Self.versionPrecedes)
    }

    /// The default release: the one set with `setDefault`, else the newest installed.
    ///
    /// - Returns: The version in `imgt/DEFAULT` when it is installed, else the newest installed; nil when none is.
    public func defaultVersion() -> String? {
        if let d = try? String(contentsOf: defaultFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           installedVersions().contains(d) { return d }
        return installedVersions().last
    }

    /// Makes `version` the release used when none is named, by writing `imgt/DEFAULT` (owner-only, atomically).
    ///
    /// - Parameter version: An installed version (`3.58.0`).
    /// - Throws: `ReferenceDataError.notInstalled` when `version` is not installed; the write's error when
    ///   `imgt/DEFAULT` cannot be written.
    public func setDefault(_ version: String) throws {
        guard installedVersions().contains(version) else {
            throw ReferenceDataError.notInstalled("IMGT/HLA \(version) is not installed (installed: \(installedVersions().joined(separator: ", ")))")
        }
        try ReferenceDataLoader.writeAtomically(Data((version + "\n").utf8), to: defaultFile)
    }

    /// The folder of an installed release (`nil`: the default one).
    ///
    /// - Parameter version: A version (`3.58.0`), or nil for the default one.
    /// - Returns: The release's folder, every required file present.
    /// - Throws: `ReferenceDataError.notInstalled` when no release is installed, or the one named is not (or has a
    ///   required file missing).
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
    ///
    /// - Parameter source: A release folder (`ReleaseFolder.requiredFiles`, and `LICENCE.md` when present).
    /// - Returns: The installed version, read from the folder's `release_version.txt`; an installed copy of the same
    ///   version is replaced.
    /// - Throws: `ReferenceDataError.missingFile` when a required file is missing; `ReferenceDataError.malformed`
    ///   when
    ///   `release_version.txt` names no version; a file-system error when a file cannot be copied.
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
    ///
    /// - Parameter file: The MAC file to install; it is copied unmodified to `macFile`.
    /// - Returns: The table read from it.
    /// - Throws: `ReferenceDataError` when the file is missing or malformed (nothing is installed then); a
    ///   file-system error when the copy cannot be written.
    public func installMAC(from file: URL) throws -> MACTable {
        let table = try MACTable.load(file)
        try installVerbatim(file, as: macFile)
        return table
    }

    /// Copies a file in unmodified, atomically and owner-only (the caller has validated it).
    ///
    /// - Parameters:
    ///   - file: The file to copy.
    ///   - destination: Where to write it (its folder is created owner-only).
    /// - Throws: A file-system error when `file` cannot be read or `destination` written.
    public func installVerbatim(_ file: URL, as destination: URL) throws {
        try ReferenceDataLoader.writeAtomically(try Data(contentsOf: file), to: destination)
    }

    /// Writes `data` to `destination` atomically: readers see the old file or the new one, never a part.
    ///
    /// - Parameters:
    ///   - data: The bytes to write.
    ///   - destination: The file (owner-only; its folder is created owner-only).
    /// - Throws: A file-system error when `destination` cannot be written.
    public func installData(_ data: Data, as destination: URL) throws {
        try ReferenceDataLoader.writeAtomically(data, to: destination)
    }

    /// The installed MAC table, if any.
    ///
    /// - Returns: The table at `macFile`, or nil when none is installed.
    /// - Throws: `ReferenceDataError.malformed` when the installed file does not read as a MAC table.
    public func installedMACs() throws -> MACTable? {
        FileManager.default.fileExists(atPath: macFile.path) ? try MACTable.load(macFile) : nil
    }

    /// Release folders found at `url`: the folder itself when it is a release, else its release subfolders.
    ///
    /// - Parameter url: A release folder, or a folder of release folders.
    /// - Returns: The release folders (a folder counts when it has `release_version.txt`), oldest version first.
    public static func releases(at url: URL) -> [ReleaseFolder] {
        let direct = ReleaseFolder(url)
        if FileManager.default.fileExists(atPath: direct.path("release_version.txt")) { return [direct] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted(by: versionPrecedes).map { ReleaseFolder(url.appendingPathComponent($0)) }
            .filter { FileManager.default.fileExists(atPath: $0.path("release_version.txt")) }
    }

    /// Numeric version order (3.9.0 before 3.10.0).
    ///
    /// - Parameters:
    ///   - a: A version (`3.9.0`).
    ///   - b: Another version.
    /// - Returns: `true` when `a` comes before `b`, field by field as numbers (a non-numeric field counts as -1).
    public static func versionPrecedes(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? -1 }, y = b.split(separator: ".").map { Int($0) ?? -1 }
        return x.lexicographicallyPrecedes(y)
    }
}
