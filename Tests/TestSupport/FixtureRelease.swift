import Foundation

/// Unpacks a hand-made release kept as one text file (`fixtures/imgt-layout-3.64.release`): each line
/// `=== PATH` starts the file at PATH of the release folder; lines before the first such line are comments.
/// Shared by the library and CLI tests.
public enum FixtureRelease {
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes the release described by `fixtures/<name>` into a new temporary folder and returns the folder.
    /// The caller removes it.
    public static func unpack(_ name: String = "imgt-layout-3.64.release") throws -> URL {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("fixtures/\(name)"), encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cordmatch-fixture-\(UUID().uuidString)")
        var path: String?
        var body: [Substring] = []
        func flush() throws {
            guard let path else { return }
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (body.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("=== ") {
                try flush()
                path = String(line.dropFirst(4))
                body = []
            } else if path != nil {
                body.append(line)
            }
        }
        try flush()
        return dir
    }
}
