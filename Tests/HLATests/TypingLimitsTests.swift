import CordSupport
@testable import HLA
import Testing
import TestSupport

/// The byte limit of a typing, the bound of the memo tables, and error messages that never repeat more of an
/// input than `InputExcerpt` gives (issue #14 item 2).
@Suite struct TypingLimitsTests {
    /// A syntactically valid allele list of exactly `bytes` bytes (`A*02:01/A*02:01/…`, padded with a longer name).
    static func typing(bytes: Int) -> String {
        var s = "A*02:01"
        while s.utf8.count + 8 + 16 <= bytes { s += "/A*02:01" }
        s += "/A*02:" + String(repeating: "1", count: bytes - s.utf8.count - 6)
        precondition(s.utf8.count == bytes)
        return s
    }

    @Test func aTypingAtTheByteLimitIsReadAndOneByteMoreIsRefusedBeforeReading() throws {
        let limit = InputLimits.typingBytes
        #expect(try GLString.parse(Self.typing(bytes: limit)).tokens.count > 30_000)
        let over = Self.typing(bytes: limit + 1)
        #expect(throws: HLAParseError.self) { try GLString.parse(over) }
        do {
            _ = try GLString.parse(over + "^^ not even GL syntax")
            Issue.record("accepted")
        } catch let e as HLAParseError {
            // Refused by size, not by the syntax error further on: nothing was read.
            #expect(e.position == limit + 1)
            #expect(e.reason == "the typing is 262,166 bytes long; at most 262,144 bytes are read (docs/RELIABILITY.md)")
        }
    }

    @Test func parseErrorsQuoteAnExcerptNotTheInput() throws {
        let long = String(repeating: "A*02:01/", count: 100_000) + "A*02:01+"
        do {
            _ = try GLString.parse(String(long.prefix(200_000)) + "A*02:01^^B*08:01")
            Issue.record("accepted")
        } catch let e as HLAParseError {
            let text = e.description
            #expect(text.utf8.count < 400, "\(text.utf8.count) bytes")
            #expect(text.hasPrefix("'A*02:01/A*02:01/"))
            #expect(text.contains("(200016 bytes)"))
            #expect(text.contains("at position 200009 near 'A*02:01/A*02:01^^B*08:01':"))
            #expect(text.hasSuffix("empty locus around '^' (nothing between two operators, or at an end)"))
        }
        // A field of a token is quoted through the excerpt too.
        let digits = String(repeating: "7", count: 50_000)
        do {
            _ = try GLString.parse("A*02:\(digits)ZZ:01")
            Issue.record("accepted")
        } catch let e as HLAParseError {
            #expect(e.description.utf8.count < 400 && e.reason.contains("… (50002 bytes)"))
        }
        // A control character in an input is escaped, never printed.
        for bad in ["A*02:01\u{1B}[2J", "B44\u{7}"] {
            do {
                _ = try GLString.parse(bad)
                Issue.record("accepted")
            } catch let e as HLAParseError {
                #expect(!e.description.contains("\u{1B}") && !e.description.contains("\u{7}"), "\(e.description)")
            }
        }
    }

    @Test func nomenclatureErrorsQuoteAnExcerptOfTheName() throws {
        let data = try SharedReleases.release("3.58.0")
        let name = "A*02:01:" + String(repeating: "9", count: 100_000)
        do {
            _ = try Validator(data).validate(name)
            Issue.record("accepted")
        } catch let e as NomenclatureError {
            #expect(e.token == name)
            #expect(e.description.utf8.count < 300 && e.description.hasSuffix("not an allele name in IMGT/HLA 3.58.0; A*02:01 exists"))
        }
    }

    @Test func aMemoHoldsAtMostItsCapacity() {
        let memo = Memo<Int, Int>(capacity: 100)
        for i in 0..<10_000 {
            memo[i] = i
            #expect(memo.count <= 100)
        }
        #expect(memo[9_999] == 9_999)
        // Replacing a held key does not empty the table.
        memo[9_999] = 1
        #expect(memo[9_998] == 9_998 && memo[9_999] == 1)
    }

    @Test func countsAreGroupedByThousands() {
        #expect(LimitMessage.grouped(0) == "0" && LimitMessage.grouped(999) == "999" && LimitMessage.grouped(5_000) == "5,000")
        #expect(LimitMessage.grouped(262_144) == "262,144" && LimitMessage.grouped(10_000_000) == "10,000,000" && LimitMessage.grouped(-1_234) == "-1,234")
    }
}
