import HLA
import Testing

/// Inputs the `gl-string` fuzz target found (docs/reliability/fuzzing.md), minimised; each is also a seed in
/// `fixtures/fuzz/gl-string/`, so the fuzz replay checks every oracle on it too.
@Suite struct GLStringFuzzRegressionTests {
    /// `B*07:02\u{8}`: the character after a name's last field was quoted raw in the reason ("'\u{8}' is not an
    /// expression suffix"), so a backspace or an escape sequence reached the terminal of whoever read the error.
    @Test func aControlCharacterAfterTheLastFieldIsEscapedInTheReason() {
        for (typing, shown) in [("B*07:02\u{8}", "\\u{8}"), ("A*02:01\u{1B}", "\\u{1B}"), ("A*02:01\u{7F}", "\\u{7F}")] {
            #expect {
                _ = try GLString.parse(typing)
            } throws: { error in
                guard let e = error as? HLAParseError else { return false }
                return e.reason == "'\(shown)' is not an expression suffix (N L S Q C A) or group suffix (G P)"
                    && !e.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            }
        }
    }
}
