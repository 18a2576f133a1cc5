import CordSupport
import Foundation

/// A new, empty, owner-only folder in the system's temporary folder, removed with everything in it when the last
/// reference to it goes: keep the value (not only its `url`) for as long as the folder is used.
///
/// ```swift
/// let folder = try TemporaryFolder("my-test")
/// let database = folder.path("inventory.sqlite")
/// ```
///
/// Its name (`<prefix>-XXXXXX`) is made by `mkdtemp`, so no other process can have taken or planted it.
public final class TemporaryFolder: Sendable {
    /// Where the folder is.
    public let url: URL

    /// Creates the folder `<tmp>/<prefix>-XXXXXX`.
    /// - Parameter prefix: The start of the folder's name.
    /// - Throws: `OwnerOnlyFile.Failure` when the folder cannot be made.
    public init(_ prefix: String = "cordmatch") throws {
        url = try OwnerOnlyFile.temporaryFolder(prefix)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The folder's path.
    public var path: String { url.path }

    /// The URL of `relative` inside the folder (which need not exist).
    /// - Parameter relative: A `/`-separated path inside the folder.
    /// - Returns: Its URL.
    public func url(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// The path of `relative` inside the folder (which need not exist).
    /// - Parameter relative: A `/`-separated path inside the folder.
    /// - Returns: Its path.
    public func path(_ relative: String) -> String { url(relative).path }

    /// Writes `text` (UTF-8) to `relative` inside the folder, creating the folders on the way.
    /// - Parameters:
    ///   - text: The file's text.
    ///   - relative: A `/`-separated path inside the folder.
    /// - Returns: The file's URL.
    /// - Throws: The file system's error when the file cannot be written.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> URL {
        try write(Data(text.utf8), to: relative)
    }

    /// Writes `data` to `relative` inside the folder, creating the folders on the way.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - relative: A `/`-separated path inside the folder.
    /// - Returns: The file's URL.
    /// - Throws: The file system's error when the file cannot be written.
    @discardableResult
    public func write(_ data: Data, to relative: String) throws -> URL {
        let file = url(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    /// Runs `body` with a new temporary folder, removed when `body` returns or throws.
    /// - Parameters:
    ///   - prefix: The start of the folder's name.
    ///   - body: What to do in the folder.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or `OwnerOnlyFile.Failure` when the folder cannot be made.
    public static func with<T>(_ prefix: String = "cordmatch", _ body: (TemporaryFolder) throws -> T) throws -> T {
        let folder = try TemporaryFolder(prefix)
        return try withExtendedLifetime(folder) { try body(folder) }
    }

    /// Runs the asynchronous `body` with a new temporary folder, removed when `body` returns or throws.
    /// - Parameters:
    ///   - prefix: The start of the folder's name.
    ///   - body: What to do in the folder.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or `OwnerOnlyFile.Failure` when the folder cannot be made.
    public static func with<T>(_ prefix: String = "cordmatch", _ body: (TemporaryFolder) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder(prefix)
        defer { withExtendedLifetime(folder) {} }
        return try await body(folder)
    }
}
