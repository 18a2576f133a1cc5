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
