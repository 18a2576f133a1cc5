import CordSupport

extension Reducer {
    /// Every single name the release knows — valid allele names, short nulls, XX codes, G and P group names,
    /// serologic antigens — reduced by this reducer at every level, for `ReferenceData.answers`.
    ///
    /// Run it on reference data without answers (as `ReferenceDataBuilder` does), so that every answer comes from
    /// the reduction steps themselves. A name becomes a key only when validation accepts it exactly as written
    /// (one token of the same name, no warning); a level where the reduction throws stores no answer.
    func precomputedAnswers() -> AnswerTable {
        let validator = Validator(data)
        let keys = candidateNames().filter { name in
            guard let v = try? validator.validate(name), v.warnings.isEmpty else { return false }
            let tokens = v.gl.tokens
            return tokens.count == 1 && !tokens[0].hasHLAPrefix && tokens[0].name == name
        }
        return AnswerTable(answers: keys.map { key in (key, ReductionType.allCases.map { try? reduceName(key, $0) }) })
    }

    /// The names a typing can consist of, once each, in byte order.
    private func candidateNames() -> [String] {
        let named: ReferenceData.Flags = [.validAllele, .gGroupName, .pGroupName, .serology]
        let shortNulls = data.columns[ReferenceData.Column.shortNulls.rawValue]
        var names = Set<String>()
        for id in 0..<Int32(data.names.count) {
            let flags = data.flags(id)
            if !flags.isDisjoint(with: named) || shortNulls[Int(id)] >= 0 { names.insert(data.name(id)) }
            if flags.contains(.xxKey) { names.insert(data.name(id) + ":XX") }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
