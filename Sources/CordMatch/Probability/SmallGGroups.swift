import HLA
import Synchronization

/// The small g groups of one release at the loci of haplotype frequency sets (A, B, C, DRB1, DQB1): py-ard's `lg`
/// reduction, which is Atlas's "small g" — alleles with the same protein sequence in the antigen-recognition domain,
/// null alleles included (`A*01:04:01:01N` is in `A*01:01g`). Haplotype frequency sets are compiled at this
/// resolution (docs/PROBABILITIES.md says why), so a set value is one group, and a typed value is consistent with
/// it when they share a WHO allele.
///
/// Built once per resolver configuration (`shared(for:)`): every WHO allele of those loci reduced to `lg` by the
/// reducer (stored answers, so one look-up each).
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
        var names: [String] = [], loci: [MatchLocus] = [], members: [[Int32]] = [], idOfName: [String: Int32] = [:]
        var groupOfName = [Int32](repeating: -1, count: data.nameCount)
        for allele in data.whoAlleles {
            guard let star = allele.firstIndex(of: "*"), setLoci.contains(String(allele[..<star])),
                  let locus = MatchLocus(rawValue: String(allele[..<star])), let id = data.nameID(allele) else { continue }
            // A WHO allele reduces to exactly one small g group; should a release ever say otherwise, the allele
            // is kept as a group of its own rather than guessed into one.
            var group = (try? reducer.reduce(allele, to: .lg).result) ?? ""
            if group.isEmpty || group.contains("/") { group = allele + "g" }
            let g: Int32
            if let known = idOfName[group] {
                g = known
            } else {
                g = Int32(names.count)
                idOfName[group] = g
                names.append(group)
                loci.append(locus)
                members.append([])
            }
            members[Int(g)].append(id)
            groupOfName[Int(id)] = g
        }
        self.names = names
        self.loci = loci
        self.members = members
        self.idOfName = idOfName
        self.groupOfName = groupOfName
    }

    private static let cache = Mutex<[UInt64: SmallGGroups]>([:])

    /// The groups of `resolver`'s release, built once per process and resolver configuration.
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

    /// The groups a typed value may be (sorted), or nil when it is untyped (anything). A value whose expansion
    /// fails (it cannot, for a value the resolver resolved) is consistent with nothing.
    func groups(of value: PositionTyping, at locus: MatchLocus) -> [Int32]? {
        if value.resolution == .untyped { return nil }
        let key = "\(locus.rawValue)|\(value.written)"
        if let hit = valueGroups[key] { return hit }
        var found = Set<Int32>()
        if let tokens = try? GLString.parse(value.written).tokens {
            for token in tokens {
                for name in (try? resolver.expander.alleles(of: token)) ?? [] {
                    if let id = resolver.data.nameID(name), groupOfName[Int(id)] >= 0 { found.insert(groupOfName[Int(id)]) }
                }
            }
        }
        let groups = found.sorted()
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
