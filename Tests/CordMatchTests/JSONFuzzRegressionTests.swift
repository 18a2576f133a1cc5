import CordMatch
import Foundation
import Testing

/// Inputs the `scenario-json` and `policy-json` fuzz targets found (docs/reliability/fuzzing.md), minimised; each
/// is also a seed in `fixtures/fuzz/<target>/`, so the fuzz replay checks every oracle on it too.
@Suite struct JSONFuzzRegressionTests {
    /// A backslash before a byte that starts no escape was quoted as that byte, raw: a NUL, a C1 control (0x83,
    /// read as U+0083) or an escape sequence reached the message of `policy check` and `verify`.
    @Test func anUnknownEscapeNamesTheByteAfterTheBackslash() {
        for (bytes, named) in [([0x5C, 0x00], "byte 0x00 (NUL)"), ([0x5C, 0x83], "byte 0x83"), ([0x5C, 0x1B], "byte 0x1B"),
                               (Array("\\q".utf8), "character 'q'")] as [([UInt8], String)] {
            let text = Array("{\"name\": \"x".utf8) + bytes + Array("\"}".utf8)
            #expect {
                _ = try LocatedJSON.parse(text)
            } throws: { error in
                (error as? LocatedJSON.SyntaxError)?.reason == "unknown escape in a string: '\\' before \(named)"
            }
            #expect {
                _ = try PolicyLoader.decode(Data(text), file: "p.json")
            } throws: { error in
                "\(error)" == "p.json: not valid JSON (line 1): unknown escape in a string: '\\' before \(named)"
            }
        }
    }
}

/// Keys and values of a policy file, or of any JSON input, that its errors quoted raw (found by the
/// `scenario-json` and `policy-json` fuzz targets); each is also a seed in `fixtures/fuzz/`.
@Suite struct JSONKeyFuzzRegressionTests {
    /// A key of 10,000 bytes holding an escape sequence and a bell, written with JSON escapes.
    static let key = "\\u001b[2J\\u0007" + String(repeating: "k", count: 10_000)
    static let shown = "\\u{1B}[2J\\u{7}kkkkkkkkkk"

    static func isShort(_ message: String) -> Bool {
        message.utf8.count < 600 && !message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    @Test func aKeyInASyntaxErrorIsAnExcerpt() {
        for (text, start) in [("{\"\(Self.key)\" 1}", "expected ':' after the key \"\(Self.shown)"),
                              ("{\"\(Self.key)\": 1, \"\(Self.key)\": 2}", "key \"\(Self.shown)")] {
            #expect {
                _ = try LocatedJSON.parse(Array(text.utf8))
            } throws: { error in
                guard let e = error as? LocatedJSON.SyntaxError else { return false }
                return e.reason.hasPrefix(start) && Self.isShort(e.reason)
            }
        }
    }

    @Test func anUnknownPolicyKeyAndAValueOfNoCaseAreExcerpts() throws {
        let preset = try #require(PolicyPresets.named("malignant"))
        let written = PolicyLoader.encode(preset)
        for (text, shown) in [
            (written.replacingOccurrences(of: "\"warn_at_mfi\"", with: "\"\(Self.key)\""), "antibodies.\(Self.shown)"),
            (written.replacingOccurrences(of: "\"exclude\"", with: "\"\(Self.key)\""), "\\u{1B}[2J\\u{7}"),
        ] {
            #expect(text != written)
            #expect {
                _ = try PolicyLoader.decode(Data(text.utf8), file: "p.json")
            } throws: { error in
                "\(error)".contains(shown) && Self.isShort("\(error)")
            }
        }
    }
}
