/// The JSON text of a flat string-to-string object with sorted keys (the opaque columns of a row): written by
/// hand because `JSONSerialization` dominated import time.
enum JSONObjectText {
    /// The text a member starts with: its quoted key and the colon (worked out once per column).
    static func key(_ name: String) -> String {
        var out = ""
        append(name, to: &out)
        return out + ":"
    }

    /// The object of members given as their `key(_:)` text and value, in key order.
    static func encode(_ members: some Sequence<(key: String, value: String)>) -> String {
        var out = "{"
        for (i, member) in members.enumerated() {
            if i > 0 { out += "," }
            out += member.key
            append(member.value, to: &out)
        }
        return out + "}"
    }

    private static func append(_ s: String, to out: inout String) {
        out += "\""
        defer { out += "\"" }
        // Most values need no escaping: then they are copied whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
    }
}
