import Foundation

/// An input file as commands name it: a path, or `-` for standard input (so that `gen units | cordmatch import
/// units -` needs no temporary file).
public enum InputFile {
    /// The name that stands for standard input.
    public static let standardInputName = "-"

    /// The bytes of the file at `path` (all of standard input for `-`); nil when it cannot be read.
    ///
    /// - Parameter path: A path, or `-`.
    /// - Returns: The bytes, or nil.
    public static func contents(_ path: String) -> Data? {
        if path == standardInputName { return FileHandle.standardInput.readDataToEndOfFile() }
        return FileManager.default.contents(atPath: path)
    }

    /// The name problems in the file are reported under: the path, or `standard input`.
    ///
    /// - Parameter path: A path, or `-`.
    /// - Returns: `path`, or `standard input` for `-`.
    public static func name(_ path: String) -> String { path == standardInputName ? "standard input" : path }
}
