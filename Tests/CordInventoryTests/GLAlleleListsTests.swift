@testable import CordInventory
import CordMatch
import HLA
import PropertyBased
import Testing
import TestSupport

/// A GL string's positions put together from its allele lists (`GLAlleleLists`) are exactly those of
/// `TypingResolver.resolve` on the whole string, and a string it refuses is refused with `resolve`'s message —
/// on random GL strings of real names of the current shared release, valid and not.
@Suite struct GLAlleleListsTests {
    /// Allele lists by locus: allele names, XX codes, lists (with an inherited locus), serology, G groups, null
    /// alleles, `HLA-`, and names that are not in the release or not names.
    static let lists: [[String]] = [
        ["A*02:01", "A*24:02", "A*01:01", "A*02:XX", "A2", "A9", "A24", "A*02:43N", "A*01:01:01G", "A*02:01/A*02:02",
         "HLA-A*02:01", "A*02:01/02:05", "A*NEW", "A*99:99", "A*02:01:08"],
        ["B*44:02", "B*08:01", "B*44:19N", "B44", "B12", "B*07:XX", "B*44:02/44:03", "B*07:310", "B99"],
        ["C*05:01", "C*07:01", "Cw7", "C*07:XX", "C*04:01/C*04:03"],
        ["DRB1*15:01", "DRB1*03:01", "DRB1*15:XX", "DR15", "DR2", "DRB1*04:01/04:02"],
        ["DQB1*06:02", "DQB1*02:01", "DQ6", "DQB1*03:XX", "DQB1*06:147"],
        ["DPB1*04:01", "DPB1*09:01", "DPB1*03:01"],
        ["DRB3*01:01", "DRB4*01:01", "DR51", "DQA1*01:01", "DRB5*99:99"],
        ["NEW", "A*02:01/B*08:01", "", "A*", "X*01:01", "A*02:01 ", "Bw4", "A*02:01?A*03:01"],
    ]
    /// Operators, the two an inventory's typings are made of most often.
    static let operators = ["^", "+", "^", "+", "^", "+", "|", "~", "/", "^^", "++"]

    /// What `resolve` makes of `gl` as twelve numbers, or its error's message.
    static func expected(_ gl: String, _ resolver: TypingResolver, _ values: inout HLAFieldValues.Cache) -> String {
        do { return "\(values.numbers(of: try resolver.resolve(gl)))" } catch { return "\(error)" }
    }

    /// What the allele lists make of it.
    static func assembled(_ gl: String, _ lists: inout GLAlleleLists.Cache, _ values: inout HLAFieldValues.Cache) -> String {
        do { return "\(try lists.positions(of: gl, numbering: &values))" } catch { return "\(error)" }
    }

    /// Typings as inventories write them — loci joined by `^`, a locus's values by `+` — with loci repeated, three
    /// values, values of another locus, and now and then any operator or a broken name.
    static func structured(_ picks: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        func next() -> Int { defer { i += 1 }; return picks[i % picks.count] }
        for k in 0..<(1 + next() % 6) {
            // Mostly each locus once, in order; now and then any (a locus again).
            let locus = next() % 6 == 0 ? next() % (lists.count - 1) : k
            let count = [1, 2, 2, 2, 2, 2, 2, 2, 2, 3][next() % 10]
            var values: [String] = []
            for _ in 0..<count {
                let from = next() % 12 == 0 ? lists[next() % lists.count] : lists[locus]
                values.append(from[next() % from.count])
            }
            parts.append(values.joined(separator: next() % 25 == 0 ? operators[next() % operators.count] : "+"))
        }
        return parts.joined(separator: "^")
    }

    /// Any list and any operator, in any order.
    static func anyOrder(_ picks: [Int]) -> String {
        let names = lists.flatMap { $0 }
        var typing = ""
        for (i, p) in picks.enumerated() {
            if i > 0 { typing += operators[p % operators.count] }
            typing += names[(p / 11) % names.count]
        }
        return typing
    }

    @Test(arguments: [0, 1])
    func listsGiveExactlyWhatResolveGives(style: Int) async throws {
        let resolver = try SharedReleases.resolver()
        let values = HLAFieldValues(resolver: resolver), shared = GLAlleleLists(resolver: resolver)
        // One validator's view, as an import uses it: lists remembered from typing to typing.
        var cache = HLAFieldValues.Cache(values), lists = GLAlleleLists.Cache(shared)
        var put = 0, total = 0
        await propertyCheck(count: 400, input: Gen.int(in: 0...100_000).array(of: 1...30)) { picks in
            let gl = style == 0 ? Self.structured(picks) : Self.anyOrder(picks)
            let want = Self.expected(gl, resolver, &cache)
            #expect(Self.assembled(gl, &lists, &cache) == want, "\(gl)")
            // A second time, from what is remembered.
            #expect(Self.assembled(gl, &lists, &cache) == want, "\(gl) again")
            total += 1
            if lists.assembled(gl, &cache) != nil { put += 1 }
        }
        // Not a vacuous agreement: in the inventory style most typings are put together from their lists.
        if style == 0 { #expect(put > total / 4, "\(put) of \(total)") }
    }

    @Test func typingsAsInventoriesWriteThemArePutTogetherAndTheRestResolvedWhole() throws {
        let resolver = try SharedReleases.resolver()
        let values = HLAFieldValues(resolver: resolver)
        var cache = HLAFieldValues.Cache(values), lists = GLAlleleLists.Cache(GLAlleleLists(resolver: resolver))
        for gl in ["A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01", "A2+A24^B44^DR15+DRB1*03:01^DRB3*01:01",
                   "HLA-A*02:01^B*44:02/44:03+B*08:01", "A*NEW+A*01:01^C*07:XX"] {
            #expect(lists.assembled(gl, &cache) != nil, "\(gl)")
            #expect(Self.assembled(gl, &lists, &cache) == Self.expected(gl, resolver, &cache), "\(gl)")
        }
        for gl in ["A*01:01~B*08:01+A*02:01~B*07:02", "A*01:01+A*02:01|A*01:02+A*02:02", "A*02:01+A*03:01^A2",
                   "A*02:01+A*03:01+A*11:01", "A*02:01+B*08:01", "A*99:99+A*01:01", "A*02:01^", "A*02:01^^B8", "DRB3*01:01^DR52+DRB3*01:01"] {
            #expect(lists.assembled(gl, &cache) == nil, "\(gl)")
            #expect(Self.assembled(gl, &lists, &cache) == Self.expected(gl, resolver, &cache), "\(gl)")
        }
        // Past the byte limit: resolve's refusal, though every list resolves.
        let long = Array(repeating: "A*02:01", count: InputLimits.typingBytes / 8 + 1).joined(separator: "/")
        #expect(lists.assembled(long, &cache) == nil)
        #expect(Self.assembled(long, &lists, &cache).contains("bytes long"))
    }
}
