import CordMatch

extension SyntheticPeople {
    /// A units file of people drawn from the set (two haplotypes each, Hardy–Weinberg), typed as cord banks type
    /// (`unitResolutions`: allele level, serology era, XX codes, allele lists), available, with plausible cell
    /// counts: an inventory whose typings the set represents, for benchmarks of match probabilities.
    /// - Parameters:
    ///   - count: units.
    ///   - seed: the random seed (deterministic).
    /// - Returns: the CSV text (docs/FORMATS.md, "Unit CSV").
    public func unitsCSV(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var lines = ["ID,BANK_MANUF_ID,STATUS,BIRTH_DATE,COLL_DATE,TNC,CD34PC,X_HLA_GL"]
        lines.reserveCapacity(count + 1)
        for n in 0..<count {
            let gl = typing(draw(&rng), Self.unitResolutions(&rng), &rng)
            let tnc = 0.8e9 + 2.4e9 * rng.unit(), cd34 = 2e6 + 1e7 * rng.unit()
            lines.append("HSY\(String(n, radix: 10).leftPadded(8)),BANK\(n % 7),AV,2022-03-01,2022-03-01,\(Int(tnc)),\(Int(cd34)),\(gl)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A recipients file of people drawn from the set, typed as registries type patients (`recipientResolutions`),
    /// 5–84 kg, 70 % malignant.
    /// - Parameters:
    ///   - count: recipients.
    ///   - seed: the random seed (deterministic).
    /// - Returns: the CSV text (docs/FORMATS.md, "Recipient CSV").
    public func recipientsCSV(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var lines = ["ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE"]
        for n in 0..<count {
            let gl = typing(draw(&rng), Self.recipientResolutions(&rng), &rng)
            let weight = 5 + Int(rng.next() % 80)
            lines.append("HR\(String(n, radix: 10).leftPadded(6)),\(weight),\(rng.unit() < 0.7 ? "malignant" : "non-malignant"),\(gl),,,,Y")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string with zeros in front to `width` characters.
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
