/// The JSON text of a flat string-to-string object with sorted keys (the opaque columns of a row): written by
/// hand because `JSONSerialization` dominated import time.
enum JSONObjectText {
    /// The object of key-value pairs, given in key order.
    static func encode(_ pairs: some Sequence<(String, String)>) -> String {
        var out = "{"
        for (i, (key, value)) in pairs.enumerated() {
            if i > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            append(value, to: &out)
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
