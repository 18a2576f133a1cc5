/// The most likely diplotypes of haplotypes grouped into classes, where whether two haplotypes form a diplotype
/// consistent with a typing depends on their classes only (see `GenotypeImputer`). A diplotype {h1, h2} has the
/// likelihood f(h1)·f(h2), doubled when h1 ≠ h2 (the two phases of its haplotypes), so the likelihoods of a pair of
/// classes form a grid whose rows and columns fall when each class is sorted by descending frequency — and the
/// best diplotypes are found by walking all grids from their best corner with one heap, never listing the rest.
struct TopDiplotypes {
    /// One diplotype: the two haplotypes and its likelihood.
    struct Diplotype {
        let first: Int32, second: Int32
        let likelihood: Double
    }

    /// Where diplotypes come from: two different classes (`cross`), two different haplotypes of one class
    /// (`within`, i < j), or one haplotype twice (`homozygous`).
    private enum Source { case cross(Int, Int), within(Int), homozygous(Int) }

    /// Haplotypes of each class, most frequent first, and their frequencies.
    let classes: [[Int32]]
    let frequencies: [Double]
    /// Consistent class pairs (a ≤ b).
    let pairs: [(Int, Int)]

    /// Number of consistent diplotypes.
    var count: Int {
        pairs.reduce(0) { n, p in
            let a = classes[p.0].count
            return n + (p.0 == p.1 ? a * (a + 1) / 2 : a * classes[p.1].count)
        }
    }

    /// The sum of the likelihoods of every consistent diplotype.
    var totalLikelihood: Double {
        let sums = classes.map { $0.reduce(0.0) { $0 + frequencies[Int($1)] } }
        return pairs.reduce(0.0) { t, p in t + (p.0 == p.1 ? 1 : 2) * sums[p.0] * sums[p.1] }
    }

    /// The `limit` most likely diplotypes, most likely first (ties in a fixed order), and whether that is all.
    func best(_ limit: Int) -> (diplotypes: [Diplotype], all: Bool) {
        if count <= limit { return (everything(), true) }
        var sources: [Source] = []
        for (a, b) in pairs {
            if a != b { sources.append(.cross(a, b)) } else { sources.append(.within(a)); sources.append(.homozygous(a)) }
        }
        typealias Cell = (likelihood: Double, source: Int32, i: Int32, j: Int32)
        var heap = BinaryHeap<Cell> { x, y in
            if x.likelihood != y.likelihood { return x.likelihood > y.likelihood }
            if x.source != y.source { return x.source < y.source }
            return x.i != y.i ? x.i < y.i : x.j < y.j
        }
        var seen = Set<UInt64>()
        func f(_ c: Int, _ i: Int32) -> Double { frequencies[Int(classes[c][Int(i)])] }
        func push(_ s: Int, _ i: Int32, _ j: Int32) {
            let likelihood: Double
            switch sources[s] {
            case .cross(let a, let b):
                guard Int(i) < classes[a].count, Int(j) < classes[b].count else { return }
                likelihood = 2 * f(a, i) * f(b, j)
            case .within(let a):
                guard i < j, Int(j) < classes[a].count else { return }
                likelihood = 2 * f(a, i) * f(a, j)
            case .homozygous(let a):
                guard Int(i) < classes[a].count else { return }
                likelihood = f(a, i) * f(a, i)
            }
            guard seen.insert(UInt64(s) << 42 | UInt64(i) << 21 | UInt64(j)).inserted else { return }
            heap.push((likelihood, Int32(s), i, j))
        }
        for s in sources.indices {
            if case .within = sources[s] { push(s, 0, 1) } else { push(s, 0, 0) }
        }
        var out: [Diplotype] = []
        out.reserveCapacity(limit)
        while out.count < limit, let cell = heap.pop() {
            let s = Int(cell.source)
            switch sources[s] {
            case .cross(let a, let b):
                out.append(Diplotype(first: classes[a][Int(cell.i)], second: classes[b][Int(cell.j)], likelihood: cell.likelihood))
                push(s, cell.i + 1, cell.j)
                push(s, cell.i, cell.j + 1)
            case .within(let a):
                out.append(Diplotype(first: classes[a][Int(cell.i)], second: classes[a][Int(cell.j)], likelihood: cell.likelihood))
                push(s, cell.i + 1, cell.j)
                push(s, cell.i, cell.j + 1)
            case .homozygous(let a):
                out.append(Diplotype(first: classes[a][Int(cell.i)], second: classes[a][Int(cell.i)], likelihood: cell.likelihood))
                push(s, cell.i + 1, 0)
            }
        }
        return (out, heap.isEmpty)
    }

    /// Every consistent diplotype.
    private func everything() -> [Diplotype] {
        var out: [Diplotype] = []
        for (a, b) in pairs {
            let x = classes[a], y = classes[b]
            for (i, h) in x.enumerated() {
                let fh = frequencies[Int(h)]
                if a == b {
                    out.append(Diplotype(first: h, second: h, likelihood: fh * fh))
                    for k in x[(i + 1)...] { out.append(Diplotype(first: h, second: k, likelihood: 2 * fh * frequencies[Int(k)])) }
                } else {
                    for k in y { out.append(Diplotype(first: h, second: k, likelihood: 2 * fh * frequencies[Int(k)])) }
                }
            }
        }
        return out
    }
}
