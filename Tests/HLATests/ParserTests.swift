import Testing
@testable import HLA

@Suite struct ParserTests {
    @Test(arguments: [
        "A*02:01", "HLA-A*02:01:01:01", "B*44:19N", "A*01:01:38L", "C*04:09L", "A*24:02:01:02L", "B*39:01:01:02Q",
        "A*02:XX", "HLA-DRB1*15:XX", "A*02:AB", "B*08:ASXJP", "A*01:01:01G", "A*01:01P", "A*02", "MICA*001",
        "A2", "B44", "Cw7", "DR15", "DQ7", "B703", "Bw4", "DPw2", "NEW", "A*NEW", "DPB1*1102:01",
        "HLA-A*01:01+HLA-A*24:02^HLA-B*08:01+HLA-B*44:02/44:03",
        "A*02:69+A*23:30|A*02:302+A*23:26/A*23:39^B*44:02:13+B*49:08",
        "DRB1*15:01~DQB1*06:02+DRB1*03:01~DQB1*02:01",
    ])
    func roundTripsExactly(text: String) throws {
        #expect(try GLString.parse(text).description == text)
    }

    @Test func readsEachKind() throws {
        func kind(_ s: String) throws -> TypingToken.Kind { try GLString.parse(s).tokens[0].kind }
        #expect(try kind("A*02:01:01:02N") == .allele(fields: ["02", "01", "01", "02"], suffix: "N"))
        #expect(try kind("A*02:XX") == .xx(firstField: "02"))
        #expect(try kind("A*02:AB") == .mac(firstField: "02", code: "AB"))
        #expect(try kind("A*01:01:01G") == .gGroup(fields: ["01", "01", "01"]))
        #expect(try kind("A*01:01P") == .pGroup(fields: ["01", "01"]))
        #expect(try kind("Cw7") == .serology(prefix: "Cw", number: "7"))
        #expect(try kind("DR15") == .serology(prefix: "DR", number: "15"))
        #expect(try kind("A*02") == .firstField("02"))
        #expect(try kind("NEW") == .new)
    }

    @Test func precedenceSplitsLociFirstAndAllelesLast() throws {
        let gl = try GLString.parse("A*01:01+A*02:01/A*02:02^B*08:01+B*44:02")
        #expect(gl.loci.count == 2)
        #expect(gl.loci[0].count == 1 && gl.loci[0][0].count == 2)
        #expect(gl.loci[0][0][1][0].count == 2)   // A*02:01/A*02:02 is one allele list on the second chromosome
    }

    @Test func shorthandInheritsTheLocus() throws {
        let gl = try GLString.parse("HLA-B*44:02/44:03")
        #expect(gl.tokens.map(\.description) == ["HLA-B*44:02", "HLA-B*44:03"])
    }

    @Test(arguments: [
        ("B*07:02+", 9, "empty"), ("A*01:01^^B*08:01", 9, "empty"), ("A*01:01X", 8, "not an expression suffix"),
        ("A*", 2, "nothing after"), ("A*01::01", 6, "empty field"), ("A*01:01:01:01:01", 14, "at most 4 fields"),
        ("a*01:01", 1, "capital"), ("XYZ01", 1, "neither"), ("A*01:01 ", 8, "white space"), ("A*0201", 3, "pre-2010"),
        ("A*01:01?B*08:01", 8, "'?'"), ("HLA-", 5, "nothing after"), ("DR", 3, "locus followed by a number"),
    ])
    func errorsSayWhereAndWhy(input: String, position: Int, reason: String) {
        do {
            _ = try GLString.parse(input)
            Issue.record("\(input) should not parse")
        } catch let e as HLAParseError {
            #expect(e.position == position, "\(e)")
            #expect(e.reason.contains(reason), "\(e)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func orderFollowsPyArd() {
        #expect(HLAOrder.sorted(["A*02:10", "A*02:01", "A*02:9"]) == ["A*02:01", "A*02:9", "A*02:10"])
        #expect(HLAOrder.sorted(["A24", "A9", "A23"]) == ["A9", "A23", "A24"])
        #expect(HLAOrder.sorted(["A*01:01:01:02N", "A*01:01:01:01"]) == ["A*01:01:01:01", "A*01:01:01:02N"])
    }
}
