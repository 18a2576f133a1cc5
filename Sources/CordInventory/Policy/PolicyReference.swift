import CordMatch
import Foundation

/// A selection policy as a command, a recipient or a scenario names it: one of the shipped presets, or a policy
/// file. The matching core only decodes policies (`PolicyLoader.decode`); reading the file is done here.
public enum PolicyReference: Sendable, Hashable, CustomStringConvertible {
    /// A shipped preset (`PolicyPresets.names`).
    case preset(String)
    /// A policy file: an absolute path, or one relative to the current folder.
    case file(String)

    /// The preset named `nameOrPath`, else the file at that path.
    ///
    /// - Parameter nameOrPath: A preset's name or a policy file's path.
    public init(_ nameOrPath: String) {
        self = PolicyPresets.named(nameOrPath) != nil ? .preset(nameOrPath) : .file(nameOrPath)
    }

    /// How a policy that a file names (a recipient's `POLICY`, a scenario's `policy`) is found: a preset name stays
    /// a name; a path is taken relative to `directory`, the folder of the file that names it, and made absolute — so
    /// an import that checks it and a search that later loads it, from any folder, read one file.
    ///
    /// - Parameters:
    ///   - nameOrPath: the preset name or the path as written.
    ///   - directory: the folder of the file that names it.
    public init(_ nameOrPath: String, relativeTo directory: String) {
        if PolicyPresets.named(nameOrPath) != nil {
            self = .preset(nameOrPath)
            return
        }
        let url = nameOrPath.hasPrefix("/") ? URL(fileURLWithPath: nameOrPath)
            : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(nameOrPath)
        self = .file(url.standardizedFileURL.path)
    }

    /// The preset of a disease class: the policy of a recipient who names none.
    ///
    /// - Parameter disease: the recipient's disease class.
    /// - Returns: the preset for that class (`PolicyPresets.malignant`, `PolicyPresets.nonMalignant`).
    public static func preset(for disease: Recipient.DiseaseClass) -> PolicyReference {
        switch disease {
        case .malignant: .preset(PolicyPresets.malignant.name)
        case .nonMalignant: .preset(PolicyPresets.nonMalignant.name)
        }
    }

    /// The name or path, as stored and as a recipient's `POLICY` column gives it.
    public var description: String {
        switch self {
        case .preset(let name): return name
        case .file(let path): return path
        }
    }

    /// The policy: the preset, or the file read and validated.
    ///
    /// - Throws: `PolicyError` naming the file (and key path) when the preset is unknown or the file is missing or
    ///   not a valid policy.
    /// - Returns: The policy.
    public func load() throws -> SelectionPolicy {
        switch self {
        case .preset(let name):
            guard let preset = PolicyPresets.named(name) else { throw Self.noSuchPolicy(name) }
            return preset
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw Self.noSuchPolicy(path) }
            return try PolicyLoader.decode(data, file: path)
        }
    }

    private static func noSuchPolicy(_ name: String) -> PolicyError {
        PolicyError(file: name, path: "", reason: "no such preset (\(PolicyPresets.names.joined(separator: ", "))) or file")
    }
}
