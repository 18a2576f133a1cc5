import CordMatch
import HLA
import Testing

/// The DPB1 TCE file layout (`tce/dpb_tce.csv`): comments, the V2 assignment over V1, predicted (`$`) and `2a`
/// assignments, null alleles, protein names, spaces and CRLF line ends; errors name the file and line.
@Suite struct DPB1TCETableTests {
    @Test func readsTheAssignmentsOfTheFileLayout() throws {
        let text = [
            "# file: tce/dpb_tce.csv", "# version: IPD-IMGT/HLA 3.58.0",
            "Allele,Protein,V1_Assignment,V2_Assignment,Comments",
            "DPB1*01:01:01:01,DPB1*01:01,3,3,", "DPB1*09:01:01:01 , DPB1*09:01 ,1,2a,\r",
            "DPB1*02:01:02:01,DPB1*02:01,3,,", "DPB1*13:01:01:01,DPB1*13:01,1$,,predicted",
            "DPB1*04:01:01:01,DPB1*04:01,4,3$,", "DPB1*05:01:01:01,DPB1*05:01,x,y,", "DPB1*30:01N,,0,0,null", "",
        ].joined(separator: "\n")
        let table = try DPB1TCETable.parse(text, file: "tce.csv")
        #expect(table.version == "3.58.0")
        #expect(table.group(of: "DPB1*01:01:01:01") == 3)
        #expect(table.group(of: "DPB1*09:01") == 2)                 // V2 "2a", spaces trimmed, CRLF
        #expect(table.group(of: "DPB1*02:01:02:05") == 3)           // V1 when V2 is empty; by protein
        #expect(table.group(of: "DPB1*13:01:01:01") == 1)           // predicted
        #expect(table.group(of: "DPB1*04:01") == 3)                 // V2 wins over V1
        #expect(table.group(of: "DPB1*05:01") == 0)                 // no readable assignment
        #expect(table.group(of: "DPB1*30:01N") == 0)                // null
    }

    @Test func reportsTheLineOfAMalformedFile() {
        #expect(throws: ReferenceDataError.malformed(file: "t.csv", line: 2, reason: "expected the header 'Allele,Protein,V1_Assignment,V2_Assignment,…'")) {
            try DPB1TCETable.parse("# comment\nAllele,Protein,V2_Assignment\n", file: "t.csv")
        }
        #expect(throws: ReferenceDataError.malformed(file: "t.csv", line: 3, reason: "expected a DPB1 allele row")) {
            try DPB1TCETable.parse("Allele,Protein,V1_Assignment,V2_Assignment\nDPB1*01:01,DPB1*01:01,3,3\nA*01:01,,1,1\n", file: "t.csv")
        }
        #expect(throws: ReferenceDataError.malformed(file: "t.csv", line: 0, reason: "no header line")) {
            try DPB1TCETable.parse("# only comments\n", file: "t.csv")
        }
    }
}
