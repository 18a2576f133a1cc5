import CordSupport
import HLA
import Synchronization

/// The small g groups of one release at the loci of haplotype frequency sets (A, B, C, DRB1, DQB1), as Anthony
/// Nolan's Atlas defines them (its README_HlaMetadataDictionary.md): alleles with the same protein sequence in the
/// antigen-recognition domain, null alleles included — one group per P group, holding its expressed alleles and the
/// null alleles of the G groups they are in (`A*01:04:01:01N` is in `A*01:01g`); null alleles that share no G group
/// with an expressed allele make groups of their own by their first two fields (`A*01:11Ng`). A group is named
/// after the two fields its alleles share (`A*01:01g`), else after its P group (`A*02:01P` → `A*02:01g`).
///
/// Haplotype frequency sets are compiled at this resolution (docs/PROBABILITIES.md says why), so a set value is one
/// group, and a typed value is consistent with it when they share a WHO allele. (py-ard's `lg` reduction gives these
/// names too, but is not always one group per P group: it puts `C*07:06:02`, of `C*07:01P`, in a `C*07:06g` of its
/// own; such a name is translated to its group, `C*07:01g`, with a warning.)
///
/// Built once per resolver configuration (`shared(for:)`) from the release's allele facts (P and G groups,
/// expression).
public final class SmallGGroups: Sendable {
    /// The resolver whose release the groups belong to; values are expanded and resolved through it.
    public let resolver: TypingResolver
    let reducer: Reducer
    /// Group names (`A*02:01g`), by group id.
    let names: [String]
    /// The locus of each group.
    let loci: [MatchLocus]
    /// The WHO alleles of each group (name ids of the release).
    let members: [[Int32]]
    let idOfName: [String: Int32]
    /// Per name id of the release: the group of that WHO allele, -1 for every other name.
    let groupOfName: [Int32]
    /// Groups a typed value may be, by `locus|written` (sorted group ids).
    private let valueGroups = Memo<String, [Int32]>()
    /// Each group as a resolved value, by group id.
    private let groupTypings = Memo<Int32, PositionTyping>()

    init(resolver: TypingResolver) {
        self.resolver = resolver
        let data = resolver.data
        reducer = resolver.expander.reducer
        let setLoci = Set(HaplotypeFrequencySet.loci.map(\.rawValue))
        var facts: [(name: String, locus: MatchLocus, facts: AlleleFacts)] = []
        for allele in data.whoAlleles {
            guard let star = allele.firstIndex(of: "*"), setLoci.contains(String(allele[..<star])),
                  let locus = MatchLocus(rawValue: String(allele[..<star])), let f = data.alleleFacts(allele) else { continue }
            facts.append((allele, locus, f))
        }
        // The P group of each G group's expressed alleles, for the null alleles of that G group.
        var pOfG: [Int32: Int32] = [:]
        for a in facts where a.facts.expressed { pOfG[a.facts.gKey] = a.facts.pKey }
        // Group keys: a P key (expressed alleles and the nulls of their G groups), or a null's 2-field name.
        var keyed: [String: [Int]] = [:], order: [String] = []
        for (i, a) in facts.enumerated() {
            let key = a.facts.expressed ? "P\(a.facts.pKey)" : pOfG[a.facts.gKey].map { "P\($0)" }
                ?? "N" + AlleleNameFields.firstFields(a.name, 2, keepExpression: true)
            if keyed[key] == nil { order.append(key) }
            keyed[key, default: []].append(i)
        }
        var names: [String] = [], loci: [MatchLocus] = [], members: [[Int32]] = [], idOfName: [String: Int32] = [:]
        var groupOfName = [Int32](repeating: -1, count: data.nameCount)
        for key in order {
            let all = keyed[key]!
            let twoFields = Set(all.map { AlleleNameFields.firstFields(facts[$0].name, 2, keepExpression: !key.hasPrefix("P")) })
            var name: String
            if twoFields.count == 1 {
                name = twoFields.first! + "g"
            } else if key.hasPrefix("P"), let p = Int32(key.dropFirst()), data.name(ofID: p).hasSuffix("P") {
                name = String(data.name(ofID: p).dropLast()) + "g"
            } else {
                name = facts[all[0]].name + "g"
            }
            if idOfName[name] != nil { name = facts[all[0]].name + "g" }      // never two groups of one name
            let g = Int32(names.count)
            idOfName[name] = g
            names.append(name)
            loci.append(facts[all[0]].locus)
            members.append(all.map { facts[$0].facts.id })
            for i in all { groupOfName[Int(facts[i].facts.id)] = g }
        }
        self.names = names
        self.loci = loci
        self.members = members
        self.idOfName = idOfName
        self.groupOfName = groupOfName
    }

    private static let cache = Mutex<[UInt64: SmallGGroups]>([:])

    /// The groups of `resolver`'s release, built once per process and resolver configuration.
    ///
    /// - Parameter resolver: The resolver whose release (and configuration) the groups are of.
    /// - Returns: The groups.
    public static func shared(for resolver: TypingResolver) -> SmallGGroups {
        if let hit = cache.withLock({ $0[resolver.configurationDigest] }) { return hit }
        let built = SmallGGroups(resolver: resolver)
        return cache.withLock { c in
            if let raced = c[resolver.configurationDigest] { return raced }
            if c.count >= 8 { c.removeAll() }      // a process uses one or two releases
            c[resolver.configurationDigest] = built
            return built
        }
    }

    /// The IPD-IMGT/HLA release.
    public var release: String { resolver.data.version }

    /// Number of groups at the five loci.
    public var count: Int { names.count }

    /// The id of a group name (`A*02:01g`), nil when the release has no such group.
    func id(of name: String) -> Int32? { idOfName[name] }

    /// The groups of the WHO alleles named `names` (sorted; names that are not WHO alleles of these loci have none).
    func groups(ofAlleles names: [String]) -> [Int32] {
        var found = Set<Int32>()
        for name in names {
            if let id = resolver.data.nameID(name), groupOfName[Int(id)] >= 0 { found.insert(groupOfName[Int(id)]) }
        }
        return found.sorted()
    }

    /// The groups a typed value may be (sorted), or nil when it is untyped (anything). A value whose expansion
    /// fails (it cannot, for a value the resolver resolved) is consistent with nothing.
    func groups(of value: PositionTyping, at locus: MatchLocus) -> [Int32]? {
        if value.resolution == .untyped { return nil }
        let key = "\(locus.rawValue)|\(value.written)"
        if let hit = valueGroups[key] { return hit }
        var alleles: [String] = []
        if let tokens = try? GLString.parse(value.written).tokens {
            for token in tokens { alleles += (try? resolver.expander.alleles(of: token)) ?? [] }
        }
        let groups = groups(ofAlleles: alleles)
        valueGroups[key] = groups
        return groups
    }

    /// Group `g` as a resolved value, written as its name: the union, through the resolver, of the G groups (and
    /// alleles in no G group) it is made of — an antigen-recognition-domain group, as a G group is (POLICY: a G
    /// group is an exact, not a potential, match).
    func typing(ofGroup g: Int32) -> PositionTyping {
        if let hit = groupTypings[g] { return hit }
        let name = names[Int(g)]
        let data = resolver.data
        var gNames = Set<String>()
        for m in members[Int(g)] {
            let allele = data.name(ofID: m)
            let r = (try? reducer.reduce(allele, to: .G).result) ?? allele
            gNames.insert(r.isEmpty || r.contains("/") ? allele : r)
        }
        let tokens = HLAOrder.sorted(gNames.sorted()).compactMap { try? TypingToken.parse(Substring($0), in: $0) }
        let typing: PositionTyping
        if let r = try? resolver.resolvePosition(tokens, locus: loci[Int(g)], in: name) {
            typing = PositionTyping(written: name, resolution: .ambiguous, pKeys: r.pKeys, antigens: r.antigens, gKey: r.gKey,
                                    protein: r.protein, cdna: r.cdna, isNull: r.isNull, mayBeNull: r.mayBeNull, tceGroup: r.tceGroup)
        } else {
            // Cannot happen for the release's own G groups; were it to, the group matches nothing rather than anything.
            typing = PositionTyping(written: name, resolution: .ambiguous, pKeys: [], antigens: [], gKey: -1, protein: -1, cdna: -1,
                                    isNull: false, tceGroup: 0)
        }
        groupTypings[g] = typing
        return typing
    }

    /// The name of group `g`.
    func name(ofGroup g: Int32) -> String { names[Int(g)] }
}
