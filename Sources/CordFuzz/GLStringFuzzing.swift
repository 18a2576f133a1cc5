import CordMatch
import HLA

/// A GL string through `GLString.parse` and the resolver, with the oracles of the typing layer
/// (docs/reliability/typing.md): a parsed string prints back exactly as written; `resolve` and `validate` are one
/// function (both accept, with the same typing, or both refuse, with the same message); a second resolution,
/// from the memo, equals the first; what `validate` reads a typing as resolves to the same typing but for the text
/// of its values and unscored loci, which are kept as written (a renamed allele reads back as its new name); a
/// refusal is
/// an `HLAParseError` or a `TypingError` with a short, printable message.
enum GLStringFuzzing {
    static func run(_ input: [UInt8], resolver: TypingResolver) throws(FuzzViolation) {
        let text = String(decoding: input, as: UTF8.self)
        var parsed: GLString?
        do { parsed = try GLString.parse(text) } catch { try FuzzOracle.checkMessage("\(error)", of: "GLString.parse") }
        if let parsed, parsed.description != text {
            throw FuzzViolation("GLString.parse: '\(InputExcerpt.of(text))' prints back as '\(InputExcerpt.of(parsed.description))'")
        }

        let resolved = Result { try resolver.resolve(text) }
        let validated = Result { try resolver.validate(text) }
        switch (resolved, validated) {
        case (.success(let typing), .success(let v)):
            guard v.typing == typing else { throw FuzzViolation("resolve and validate read '\(InputExcerpt.of(text))' differently") }
            guard parsed != nil else { throw FuzzViolation("resolve accepts '\(InputExcerpt.of(text))', which GLString.parse refuses") }
            guard (try? resolver.resolve(text)) == typing else {
                throw FuzzViolation("a second resolution of '\(InputExcerpt.of(text))' (from the memo) differs from the first")
            }
            let reading = v.reading.description
            // Values are kept as written too, so a renamed allele reads back as its new name's text.
            guard let again = try? resolver.resolve(reading), meaning(of: again) == meaning(of: typing),
                  again.otherLoci.keys == typing.otherLoci.keys else {
                throw FuzzViolation("'\(InputExcerpt.of(text))' is read as '\(InputExcerpt.of(reading))', which does not resolve to the same typing")
            }
        case (.failure(let refused), .failure(let invalid)):
            guard refused is HLAParseError || refused is TypingError else {
                throw FuzzViolation("resolve refuses '\(InputExcerpt.of(text))' with a \(type(of: refused)): \(InputExcerpt.of("\(refused)"))")
            }
            guard "\(refused)" == "\(invalid)" else {
                throw FuzzViolation("resolve and validate refuse '\(InputExcerpt.of(text))' with different messages")
            }
            try FuzzOracle.checkMessage("\(refused)", of: "TypingResolver.resolve")
        case (.success, .failure), (.failure, .success):
            throw FuzzViolation("resolve and validate disagree on '\(InputExcerpt.of(text))'")
        }
    }

    /// The scored loci of `typing` with each value's written text left out: what matching compares.
    static func meaning(of typing: HLATyping) -> [MatchLocus: [PositionTyping]] {
        typing.loci.mapValues { locus in
            locus.positions.map { p in
                PositionTyping(written: "", resolution: p.resolution, pKeys: p.pKeys, antigens: p.antigens, gKey: p.gKey,
                               protein: p.protein, cdna: p.cdna, isNull: p.isNull, mayBeNull: p.mayBeNull, tceGroup: p.tceGroup)
            }
        }
    }
}
