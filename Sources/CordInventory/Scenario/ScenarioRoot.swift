import Foundation
import HLA
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder that every file a scenario names must lie in: `units_file`, `recipients_file`, a policy file, and
/// a recipient row's `POLICY` file. A scenario is data a bank or centre sends; without a root, a path in it (an
/// absolute one, `../..`, a symbolic link) could make `cordmatch verify` — or a server running scenarios — read any
/// file, and the scenario's errors would show parts of it.
///
/// Every reference goes through `resolve`: it is made absolute against its base folder, must stay inside the
/// root written out, and then, with every symbolic link followed (`realpath`), inside the root's real path. The
/// CLI's root is the current folder unless `verify --root DIR` names another.
public struct ScenarioRoot: Sendable {
    /// The root's real path (symbolic links followed).
    public let path: String

    /// Why a reference was refused (said after the reference itself).
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        /// Why, after the reference (`is outside the scenario root …`, `does not exist …`).
        public let reason: String
        /// The reason, as it is.
        public var description: String { reason }
    }

    /// The folder at `folder` (it must exist).
    ///
    /// - Parameter folder: The folder's path.
    /// - Throws: `Refusal` when the folder does not exist or is not a folder.
    public init(_ folder: String) throws(Refusal) {
        guard let real = Self.realPath(folder) else {
            throw Refusal(reason: "the scenario root \(InputExcerpt.of(folder)) does not exist")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), isFolder.boolValue else {
            throw Refusal(reason: "the scenario root \(InputExcerpt.of(folder)) is not a folder")
        }
        path = real
    }

    /// The real path of the file `reference` names — relative to the folder `base`, or absolute — when it exists
    /// and lies inside the root.
    ///
    /// - Parameters:
    ///   - reference: A file name as written in the scenario.
    ///   - base: The folder it is relative to (the scenario's).
    /// - Returns: The file's real path.
    /// - Throws: `Refusal` when the reference is empty or holds a NUL, lies outside the root (before or after
    ///   symbolic links are followed), or does not exist.
    public func resolve(_ reference: String, from base: String) throws(Refusal) -> String {
        let outside = Refusal(reason: "is outside the scenario root \(path) (the files a scenario names must lie inside it; "
                              + "cordmatch verify --root DIR sets it)")
        guard !reference.isEmpty, !reference.contains("\u{0}") else { throw Refusal(reason: "is not a file name") }
        let realBase = Self.realPath(base) ?? base
        let written = reference.hasPrefix("/") ? reference : realBase + "/" + reference
        // Written out first, without looking at the file system: no answer about files outside the root.
        guard contains(URL(fileURLWithPath: written).standardizedFileURL.path) else { throw outside }
        guard let real = Self.realPath(written) else { throw Refusal(reason: "does not exist (looked for \(InputExcerpt.of(written)))") }
        guard contains(real) else { throw outside }  // a symbolic link inside the root that leads out of it
        return real
    }

    /// Why the file at the absolute path `path` may not be read (`resolve`'s reason), or nil when it may.
    ///
    /// - Parameter path: An absolute path.
    /// - Returns: The reason, or nil.
    public func refusal(of path: String) -> String? {
        do {
            _ = try resolve(path, from: "/")
            return nil
        } catch {
            return error.reason
        }
    }

    /// True when `absolute` is the root or below it.
    func contains(_ absolute: String) -> Bool {
        absolute == path || absolute.hasPrefix(path == "/" ? "/" : path + "/")
    }

    /// `path` with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
