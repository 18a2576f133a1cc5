import Foundation

/// The files shipped with this module (SwiftPM resources, `Resources/`).
enum BundledFile {
    /// The URL of the shipped file `name`.
    static func url(_ name: String) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
            preconditionFailure("CordMatchTesting's resource \(name) is missing from \(Bundle.module.bundlePath)")
        }
        return url
    }

    /// The text of the shipped file `name`.
    static func text(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }
}
