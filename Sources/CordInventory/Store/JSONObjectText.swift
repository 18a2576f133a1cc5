/// The JSON text of a flat string-to-string object with sorted keys (the opaque columns of a row): written by
/// hand, as UTF-8 bytes, because `JSONSerialization` dominated import time.
enum JSONObjectText {
    /// The text a member starts with: its quoted key and the colon (worked out once per column).
    static func key(_ name: String) -> String {
        var out: [UInt8] = []
        append(name, to: &out)
        out.append(UInt8(ascii: ":"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The object of members given as their `key(_:)` text (as bytes) and value, in key order. `buffer` is
    /// working space (kept by the caller so that its capacity is reused).
    static func encode(_ members: some Sequence<(key: [UInt8], value: String)>, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(UInt8(ascii: "{"))
        var first = true
        for member in members {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            buffer += member.key
            append(member.value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends `s` as a JSON string: quoted, with `"`, `\` and control characters escaped.
    private static func append(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        // Most values need no escaping: then they are copied whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s.utf8
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), b]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case ..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)   // the other bytes as they are (UTF-8 of the other characters included)
            }
        }
    }
}
