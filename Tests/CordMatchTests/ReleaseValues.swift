import CordMatch
import HLA
import TestSupport

/// Values drawn from the real 3.58.0 release, per scored locus, for property tests: WHO allele names (nulls
/// included), their 2- and 3-field forms, G and P group names, XX codes and serologic antigens — and, to reach
/// the interesting pairs often, the members of each G group.
struct ReleaseValues: Sendable {
    let locus: MatchLocus
    /// Full WHO names.
    let alleles: [String]
    /// 2- and 3-field names that are valid typings.
    let shortNames: [String]
    /// G group names (`A*11:03:01G`) and, for each, its WHO alleles.
    let gGroups: [String]
    let gMembers: [String: [String]]
    /// P group names (`A*11:03P`).
    let pGroups: [String]
    /// XX codes (`A*11:XX`).
    let xxCodes: [String]
    /// Serologic antigens of the locus.
    let antigens: [String]

    /// The values of every scored locus, computed once per test process.
    static let all: [MatchLocus: ReleaseValues] = {
        let data = try! SharedReleases.resolverWithTCE().data
        let reducer = Reducer(data), expander = Expander(data)
        var byLocus: [MatchLocus: [String]] = [:]
        for name in data.whoAlleles {
            guard let locus = MatchLocus(rawValue: String(name.prefix { $0 != "*" })) else { continue }
            byLocus[locus, default: []].append(name)
        }
        var out: [MatchLocus: ReleaseValues] = [:]
        for (locus, alleles) in byLocus {
            var short = Set<String>(), g = Set<String>(), p = Set<String>(), xx = Set<String>(), sero = Set<String>()
            for a in alleles {
                for s in [AlleleNameFields.twoField(a), AlleleNameFields.threeField(a),
                          AlleleNameFields.firstFields(a, 2, keepExpression: true)] where s != a {
                    if (try? reducer.reduce(s, to: .W)) != nil { short.insert(s) }
                }
                if let r = try? reducer.reduce(a, to: .G).result, r.hasSuffix("G") { g.insert(r) }
                if let r = try? reducer.reduce(a, to: .P).result, r.hasSuffix("P") { p.insert(r) }
                xx.insert(String(a.prefix { $0 != ":" }) + ":XX")
                if let r = try? reducer.reduce(a, to: .S).result {
                    for s in r.split(separator: "/") where data.isSerologicAntigen(String(s)) {
                        // Only antigens of this locus (not DR51, Bw4 …, which are loci of their own in a typing).
                        if let t = try? GLString.parse(String(s)).tokens.first, TypingStructure.locusName(t) == locus.rawValue { sero.insert(String(s)) }
                    }
                }
            }
            let groups = g.sorted()
            var members: [String: [String]] = [:]
            for name in groups { members[name] = (try? expander.expand(name).result.split(separator: "/").map(String.init)) ?? [] }
            out[locus] = ReleaseValues(locus: locus, alleles: alleles, shortNames: short.sorted(), gGroups: groups,
                                       gMembers: members, pGroups: p.sorted(),
                                       xxCodes: xx.filter { (try? reducer.reduce($0, to: .W)) != nil }.sorted(), antigens: sero.sorted())
        }
        return out
    }()

    /// One value chosen by `pick` (any non-negative numbers): a single allele, a short name, a G or P group, an
    /// XX code, a serologic antigen, or an allele list of 2–4 members of one G group (some with a null member).
    func value(_ pick: [Int]) -> String {
        func from(_ list: [String], _ i: Int) -> String { list[i % list.count] }
        switch pick[0] % 8 {
        case 0: return from(alleles, pick[1])
        case 1: return from(shortNames, pick[1])
        case 2, 3: return from(gGroups, pick[1])
        case 4: return from(pGroups, pick[1])
        case 5: return from(xxCodes, pick[1])
        case 6: return antigens.isEmpty ? from(alleles, pick[1]) : from(antigens, pick[1])
        default:
            let members = gMembers[from(gGroups, pick[1])]!
            let count = 2 + pick[2] % 3
            var list: [String] = []
            for k in 0..<count where !list.contains(from(members, pick[3] + 7 * k)) { list.append(from(members, pick[3] + 7 * k)) }
            return list.joined(separator: "/")
        }
    }

    /// A value related to `value` as often as not: the value itself, another member or list of its G group, or
    /// any other value — so that claimed matches and details are frequent among drawn pairs.
    func partner(of value: String, _ pick: [Int]) -> String {
        switch pick[0] % 4 {
        case 0: return value
        case 1:
            let first = value.split(separator: "/")[0]
            guard let group = gGroups.first(where: { gMembers[$0]!.contains(String(first)) }) ?? gGroups.first(where: { $0 == first }) else {
                return self.value(Array(pick.dropFirst()))
            }
            let members = gMembers[group]!
            return pick[1] % 3 == 0 ? group : members[pick[2] % members.count] + (pick[3] % 2 == 0 ? "/" + members[pick[3] % members.count] : "")
        default: return self.value(Array(pick.dropFirst()))
        }
    }
}
