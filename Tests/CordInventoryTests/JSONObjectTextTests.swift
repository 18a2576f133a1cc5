@testable import CordInventory
import Foundation
import Testing

/// The hand-written JSON of a row's opaque columns reads back, with any JSON reader, as the values written.
@Suite struct JSONObjectTextTests {
    @Test func valuesReadBackAsWritten() throws {
        let members = [("A", "plain"), ("B\"quoted\"", "say \"hi\"\\ back\\"), ("C", "tab\there\nnew\rline"),
                       ("D", "bell\u{07} nul\u{0} esc\u{1B} us\u{1F}"), ("E", "Ünïcode ✓ 🧬"), ("F", "")]
        var buffer: [UInt8] = []
        let text = JSONObjectText.encode(members.map { (key: Array(JSONObjectText.key($0.0).utf8), value: $0.1) }, buffer: &buffer)
        let read = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(read == Dictionary(uniqueKeysWithValues: members))
        // Control characters are escaped (a raw one is not valid JSON), the others are kept as they are.
        #expect(!text.utf8.contains { $0 < 0x20 } && text.contains("\\u001b") && text.contains("✓"))
        // The buffer is reused: a second, shorter object is not followed by the first one's bytes.
        #expect(JSONObjectText.encode([(key: Array(JSONObjectText.key("K").utf8), value: "v")], buffer: &buffer) == "{\"K\":\"v\"}")
    }
}
