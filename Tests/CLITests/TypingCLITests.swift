import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// The typing limits and structural rules through the real binary (issue #14 items 2 and 11).
@Suite struct TypingCLITests {
    static let fine = "A*01:01+A*02:01^B*07:02+B*08:01^DRB1*15:01+DRB1*03:01"

    @Test func matchRefusesAnOverLongTypingWithAShortMessage() throws {
        let recipient = "A*02:01+" + Array(repeating: "A2", count: 40_000).joined(separator: "/")
        let r = try CLITests.run(["match", "--imgt-dir", CLITests.imgt, "--recipient", recipient, "--unit", "A*02:01"])
        #expect(r.status == 1)
        #expect(r.err.contains("position 2 of A lists 40,000 alternatives; at most 5,000 alternatives are read (docs/RELIABILITY.md)"))
        #expect(r.err.utf8.count < 500 && r.out.isEmpty, "\(r.err.utf8.count) bytes on stderr")
    }

    /// Runs `body` with a new temporary directory and the path of a database in it; removes the directory after.
    static func withDatabase(_ body: (TemporaryFolder, String) throws -> Void) throws {
        let dir = try TemporaryFolder("cordmatch-typing")
        try body(dir, dir.url("inv.sqlite").path)
    }

    @Test func searchRefusesAnAdHocTypingThatStandsForTooManyAlleles() throws {
        try Self.withDatabase { _, db in
        let units = PackageFolder.fixture("inventory/units.csv").path
        #expect(try CLITests.run(["import", "units", units, "--db", db, "--imgt-dir", CLITests.imgt]).status == 0)
        let hla = Array(repeating: "A2", count: 4_000).joined(separator: "/") + "+A*01:01^B*07:02+B*08:01^DRB1*15:01+DRB1*03:01"
        let r = try CLITests.run(["search", "--db", db, "--hla", hla, "--imgt-dir", CLITests.imgt])
        #expect(r.status != 0)
        #expect(r.err.contains("position 1 of A stands for more than 200,000 alleles"), "\(r.err)")
        #expect(r.err.utf8.count < 500)
        }
    }

    @Test func validateAndMatchRefuseTheSameTypings() throws {
        let inputs = [
            Self.fine,
            "A*02:01+A*03:01^A*01:01+A*11:01",
            "A*01:01~A*02:01+A*03:01~A*11:01",
            "A*01:01+A*02:01~B*07:02",
            "A*01:01+A*02:01|B*07:02+B*08:01",
            "A*02:01+A*03:01+A*11:01",
            "A*02:01/B*08:01",
            "A*01:01+NEW",
            "DRB3*99:99+DRB3*01:01",
            "A*02+A*24",
            "A*NEW+A*01:01",
        ]
        let v = try CLITests.run(["hla", "validate", "--imgt-dir", CLITests.imgt], stdin: inputs.joined(separator: "\n") + "\n")
        let lines = v.out.split(separator: "\n").map(String.init)
        #expect(lines.count == inputs.count)
        for (input, line) in zip(inputs, lines) {
            let m = try CLITests.run(["match", "--imgt-dir", CLITests.imgt, "--recipient", input, "--unit", Self.fine])
            #expect(line.hasPrefix("ERROR: ") == (m.status == 1), "\(input): validate '\(line)', match exit \(m.status)")
            if line.hasPrefix("ERROR: ") { #expect(m.err == "cordmatch: " + line.dropFirst("ERROR: ".count) + "\n", "\(input)") } else { #expect(line.hasPrefix("OK ")) }
        }
        #expect(lines[1] == "ERROR: typing 'A*02:01+A*03:01^A*01:01+A*11:01': locus A is given twice (in two '^' parts)")
        #expect(v.status == 1)
    }

    @Test func validateRefusesATypingOverTheByteLimitInOneShortLine() throws {
        let line = Array(repeating: "A*02:01", count: 40_000).joined(separator: "/")
        let r = try CLITests.run(["hla", "validate", "--imgt-dir", CLITests.imgt], stdin: line + "\n" + Self.fine + "\n")
        let out = r.out.split(separator: "\n")
        #expect(out.count == 2 && out[1] == "OK \(Self.fine)")
        #expect(out[0].hasPrefix("ERROR: 'A*02:01/A*02:01/") && out[0].hasSuffix("the typing is 319,999 bytes long; at most 262,144 bytes are read (docs/RELIABILITY.md)"))
        #expect(out[0].utf8.count < 400)
    }

    @Test func aFieldValueOfAnotherLocusIsQuotedInShort() throws {
        try Self.withDatabase { dir, db in
            let csv = dir.url("units.csv")
            let wrong = Array(repeating: "B*07:02", count: 12_000).joined(separator: "/")
            try ("ID,STATUS,BIRTH_DATE,HLA_A_DNA_FIELD1,HLA_B_DNA_FIELD1,HLA_DRB1_DNA_FIELD1\nU-1,AV,2010-01-01,\(wrong),07:02,15:01\n")
                .write(to: csv, atomically: true, encoding: .utf8)
            let r = try CLITests.run(["import", "units", csv.path, "--db", db, "--imgt-dir", CLITests.imgt])
            #expect(r.status == 1)
            #expect(r.err.contains("units.csv:2: HLA_A_DNA_FIELD1: 'B*07:02/B*07:02/") && r.err.contains("(95999 bytes)' is not a typing for locus A"))
            #expect(r.err.utf8.count < 1_000, "\(r.err.utf8.count) bytes")
        }
    }

    @Test func importRefusesAnOverLongGLStringAndImportsNothing() throws {
        try Self.withDatabase { dir, db in
        let csv = dir.url("units.csv")
        let long = "A*02:01+" + Array(repeating: "A*02:01", count: 12_500).joined(separator: "/") + "^B*07:02+B*08:01^DRB1*15:01+DRB1*03:01"
        try ("ID,STATUS,BIRTH_DATE,X_HLA_GL\nOK-1,AV,2010-01-01,\(Self.fine)\nLONG-1,AV,2010-01-01,\(long)\n")
            .write(to: csv, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["import", "units", csv.path, "--db", db, "--imgt-dir", CLITests.imgt])
        #expect(r.status == 1)
        #expect(r.err.contains("units.csv:3: X_HLA_GL: typing 'A*02:01+A*02:01/A*02:01/"))
        #expect(r.err.contains("position 2 of A lists 12,500 alternatives; at most 5,000 alternatives are read (docs/RELIABILITY.md)"))
        #expect(r.err.contains("nothing was imported") && r.err.utf8.count < 1_000, "\(r.err)")
        let search = try CLITests.run(["search", "--db", db, "--hla", Self.fine, "--format", "json", "--imgt-dir", CLITests.imgt])
        #expect(!search.out.contains("OK-1"))
        }
    }
}
