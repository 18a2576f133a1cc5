import CordInventory
import Foundation
import Testing

/// RFC 4180 reading: quoted fields (commas, `""`, line breaks inside), CRLF and lone CR, blank lines skipped, a
/// last record without a line end, records numbered by the line they start on — read whole or a batch at a time.
@Suite struct CSVReaderTests {
    static let cases: [(text: String, records: [String])] = [
        ("a,b,c\n1,2,3\n", ["1:a|b|c", "2:1|2|3"]),
        ("a,\"b,1\",c\r\nx,\"he said \"\"hi\"\"\",z\r\n", ["1:a|b,1|c", "2:x|he said \"hi\"|z"]),
        ("\"multi\nline\",2\n\nlast,row", ["1:multi\nline|2", "4:last|row"]),
        ("x\ry,\"q\"tail,mid\"quote\n", ["1:x\ry|qtail|mid\"quote"]),
        ("\"\",,\n,\n\r\n", ["1:||", "2:|"]),
        ("one", ["1:one"]),
        ("a,", ["1:a|"]),
        ("\"a\"b\"c\",\"\"\"\"\n", ["1:ab\"c\"|\""]),
    ]

    @Test func recordsAreReadAsWritten() throws {
        for c in Self.cases {
            let whole = try CSVReader.records(c.text).map { "\($0.line):\($0.fields.joined(separator: "|"))" }
            #expect(whole == c.records, "\(c.text.debugDescription)")
            // A record at a time: the same records, the same lines.
            var stream = CSVReader.Stream(Data(c.text.utf8))
            var single: [String] = []
            while case let batch = try stream.next(1), !batch.isEmpty { single += batch.map { "\($0.line):\($0.fields.joined(separator: "|"))" } }
            #expect(single == c.records, "\(c.text.debugDescription)")
        }
    }

    @Test func anUnclosedQuoteNamesTheLineItsRecordStartsOn() {
        let error = #expect(throws: CSVReader.SyntaxError.self) { try CSVReader.records("a,b\nc,\"open\nnever closed") }
        #expect(error?.line == 2)
    }
}
