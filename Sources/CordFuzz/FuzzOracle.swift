import CordMatch
import HLA

/// The checks every target applies to what its entry point gives back, beyond "does not trap": an error message
/// is short and safe to print, a line it names is in the input.
public enum FuzzOracle {
    /// The longest message an error may have, in bytes. An error repeats at most `InputExcerpt`s of its input
    /// (80 bytes each, escaped) beside its own words, file name and limits; 1 KiB leaves room for several.
    public static let messageBytes = 1024

    /// Throws unless `message` is at most `messageBytes` long and holds no control character (C0, DEL, C1): an
    /// error never prints megabytes of an input, a terminal escape or a line break of its own.
    ///
    /// - Parameters:
    ///   - message: An error message a parser gave.
    ///   - what: What gave it, named in the violation.
    /// - Throws: `FuzzViolation` when the message is too long or holds a control character.
    public static func checkMessage(_ message: String, of what: String) throws(FuzzViolation) {
        if message.utf8.count > messageBytes {
            throw FuzzViolation("\(what): a message of \(message.utf8.count) bytes: '\(InputExcerpt.of(message))'")
        }
        if let bad = message.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw FuzzViolation("\(what): U+\(String(bad.value, radix: 16, uppercase: true)) in the message '\(InputExcerpt.of(message))'")
        }
    }

    /// Throws unless `line` is a line of `input`: from 0 (the file as a whole) to the count of its line ends plus
    /// one, counting CR, LF and CR LF each as one end and, for UTF-16 text, its 16-bit units.
    ///
    /// - Parameters:
    ///   - line: The line a problem names.
    ///   - input: The input.
    ///   - what: What named it, named in the violation.
    /// - Throws: `FuzzViolation` when the line is outside the input.
    public static func checkLine(_ line: Int, in input: [UInt8], of what: String) throws(FuzzViolation) {
        let ends = input.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        if line < 0 || line > ends + 1 {
            throw FuzzViolation("\(what): line \(line) named in an input of \(ends + 1) lines")
        }
    }
}
