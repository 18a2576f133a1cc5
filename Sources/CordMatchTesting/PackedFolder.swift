import Foundation

/// Files of a folder kept as one text: each line `=== PATH` starts the file at PATH (relative, `/`-separated); the
/// lines up to the next such line are its text, and lines before the first are comments. The miniature release is
/// shipped this way, so that no file named like a real IPD-IMGT/HLA file lies in a source tree.
struct PackedFolder {
    /// The files, in the order they appear: relative path and text (each line ended by a newline).
    let files: [(path: String, text: String)]

    /// Reads the packed text.
    init(_ text: String) {
        var files: [(String, String)] = [], path: String?, body: [Substring] = []
        func flush() { if let path { files.append((path, body.map { $0 + "\n" }.joined())) } }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("=== ") {
                flush()
                path = String(line.dropFirst(4))
                body = []
            } else if path != nil {
                body.append(line)
            }
        }
        flush()
        self.files = files
    }

    /// Writes every file under `folder` (created, with the folders on the way, when missing).
    func unpack(into folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}
