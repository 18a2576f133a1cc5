import Foundation
import Testing
@testable import HLA
import TestSupport

/// The stored answers (`ReferenceData.answers`) must be exactly what the reducer computes without them.
@Suite struct AnswerTableTests {
    /// The same release without stored answers: every reduction takes the reducer's steps.
    static func withoutAnswers(_ data: ReferenceData) -> ReferenceData { data.withAnswers(.empty) }

    @Test(arguments: SharedReleases.versions)
    func releaseHasAnswersForItsNames(version: String) throws {
        let answers = try SharedReleases.release(version).answers
        for name in ["A*01:01:01:01", "A*01:01", "A*02:XX", "A*01:01:01G", "A*01:01P", "A2", "DR15", "A*01:04N"] {
            let stored = answers.isKey(name)
            #expect(stored, "\(name)")
        }
        #expect(answers.answer("A*01:01:01:01", .G) == "A*01:01:01G")
        // Not keys: a renamed allele (its reduction carries a warning), a prefixed name, GL strings, unknown names.
        for name in ["A*02:01:08", "HLA-A*01:01", "A*01:01+A*02:01", "A*02:01/A*02:02", "A*99:99", "", "A*02:AB", "MICA*222N:XX"] {
            let stored = answers.isKey(name)
            #expect(!stored, "\(name)")
        }
    }

    /// Every input of the py-ard comparison (names, XX codes, serology, groups, GL strings, malformed ones) at
    /// every level: with and without stored answers, the same result or the same error.
    @Test(arguments: SharedReleases.versions)
    func storedAnswersChangeNoResult(version: String) throws {
        let data = try SharedReleases.release(version)
        let fast = Reducer(data), slow = Reducer(Self.withoutAnswers(data))
        let text = try String(contentsOf: PackageFolder.fixture("pyard/inputs-\(version).txt"), encoding: .utf8)
        let inputs = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(inputs.count > 2000)
        var compared = 0
        for input in inputs + inputs.prefix(300).map({ "HLA-" + $0 }) {
            for type in ReductionType.allCases {
                #expect(Self.outcome { try fast.reduce(input, to: type) } == Self.outcome { try slow.reduce(input, to: type) },
                        "\(input) [\(type.rawValue)]")
                compared += 1
            }
        }
        #expect(compared > 15_000)
    }

    /// A sample of the stored names of every kind (every 40th allele name, XX code, group name and short null, and
    /// every serologic antigen), reduced through the stored answers and through the reducer's steps.
    @Test func sampledKeysAgreeWithTheReducer() throws {
        let data = try SharedReleases.release("3.58.0")
        let fast = Reducer(data), slow = Reducer(Self.withoutAnswers(data))
        var names: [String] = []
        for id in 0..<Int32(data.names.count) {
            let f = data.flags(id), name = data.name(id)
            if f.contains(.serology) { names.append(name) }
            guard id % 40 == 0 else { continue }
            if f.contains(.xxKey) { names.append(name + ":XX") }
            if !f.isDisjoint(with: [.validAllele, .gGroupName, .pGroupName]) || data.list(.shortNulls, of: name) != nil { names.append(name) }
        }
        let stored = names.filter { data.answers.isKey($0) }.count
        #expect(names.count > 1000 && stored * 10 > names.count * 9, "\(stored) of \(names.count) stored")
        for name in names {
            for type in ReductionType.allCases {
                #expect(Self.outcome { try fast.reduce(name, to: type) } == Self.outcome { try slow.reduce(name, to: type) },
                        "\(name) [\(type.rawValue)]")
            }
        }
    }

    /// A table over a few names answers exactly what it was given, short, long (stored apart) and absent alike.
    @Test func tableStoresWhatItIsGiven() {
        let long = Array(repeating: "A*02:01:01:01", count: 10).joined(separator: "/")
        let table = AnswerTable(answers: [
            ("A*01:01", ["A*01:01:01G", "A*01:01P", nil, "A*01:01", "", long, long]),
            ("B*08:01", ["B*08:01:01G", nil, nil, nil, nil, nil, "B*08:01:01:01"]),
        ])
        #expect(table.answer("A*01:01", .G) == "A*01:01:01G" && table.answer("A*01:01", .lg) == nil)
        #expect(table.answer("A*01:01", .S) == "" && table.answer("A*01:01", .exon) == long && table.answer("A*01:01", .W) == long)
        #expect(table.answer("B*08:01", .W) == "B*08:01:01:01" && table.answer("B*08:01", .P) == nil)
        #expect(table.answer("B*08:02", .G) == nil && !table.isKey("A*01") && !table.isKey("A*01:01:01"))
    }

    static func outcome(_ f: () throws -> Reduction) -> String {
        do {
            let r = try f()
            return r.result + (r.warnings.isEmpty ? "" : " | " + r.warnings.joined(separator: "; "))
        } catch { return "ERROR: \(error)" }
    }
}
