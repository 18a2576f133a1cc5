/// How an error message repeats part of an input: at most `InputLimits.echoedBytes` bytes of it, with control
/// characters, quotes, backslashes and bytes outside printable ASCII escaped (`\n`, `\u{E9}`), and the full
/// length said when it is cut — so that an error never prints a foreign file's contents, a terminal escape
/// sequence or megabytes of a runaway field.
public enum InputExcerpt {
    /// `text` as an error message may show it.
    ///
    /// - Parameter text: Any part of an input.
    /// - Returns: `text` escaped, cut to `InputLimits.echoedBytes` bytes with `… (N bytes)` after it when longer.
    public static func of(_ text: some StringProtocol) -> String {
        var out = ""
        var shown = 0
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar {
            case "\n": piece = "\\n"
            case "\r": piece = "\\r"
            case "\t": piece = "\\t"
            case "\\": piece = "\\\\"
            case "\"": piece = "\\\""
            case " "..."~": piece = String(scalar)
            default: piece = "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
            if shown + piece.utf8.count > InputLimits.echoedBytes {
                return out + "… (\(text.utf8.count) bytes)"
            }
            out += piece
            shown += piece.utf8.count
        }
        return out
    }
}
