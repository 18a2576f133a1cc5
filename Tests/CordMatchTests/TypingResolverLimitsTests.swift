@testable import CordMatch
import CordSupport
import HLA
import Testing
import TestSupport

/// The typing limits are checked before anything is expanded or combined, refuse with a message that names the
/// limit, and leave the resolver's memo tables as they were (issue #14 item 2).
@Suite struct TypingResolverLimitsTests {
    /// A resolver of its own, so that its memo tables show what one resolution added.
    static func freshResolver() throws -> TypingResolver {
        let shared = try SharedReleases.resolverWithTCE()
        return TypingResolver(shared.data, tce: shared.tce)
    }

    static func reason(_ typing: String, _ resolver: TypingResolver) -> String? {
        do {
            _ = try resolver.resolve(typing)
            return nil
        } catch let e as TypingError {
            #expect(e.description.utf8.count < 500, "an error of \(e.description.utf8.count) bytes")
            return e.reason
        } catch {
            return "\(error)"
        }
    }

    @Test func tooManyAlternativesAreRefusedBeforeAnyNameIsLookedUp() throws {
        let resolver = try Self.freshResolver()
        let typing = "A*02:01+" + Array(repeating: "A2", count: 40_000).joined(separator: "/")
        #expect(Self.reason(typing, resolver) == "position 2 of A lists 40,000 alternatives; at most 5,000 alternatives are read (docs/RELIABILITY.md)")
        #expect(resolver.memo.count == 0 && resolver.tokenMemo.count == 0)
        // The same through the one-value entry points (antibody targets, field values).
        let tokens = try GLString.parse(typing).tokens
        #expect(throws: TypingError.self) { try resolver.resolvePosition(tokens, locus: .A, in: typing) }
        #expect(resolver.tokenMemo.count == 0)
    }

    @Test func theAlternativesLimitIsExact() throws {
        let resolver = try Self.freshResolver()
        let names = resolver.data.whoAlleles.filter { $0.hasPrefix("B*") }
        let limit = InputLimits.alternativesPerPosition
        let atLimit = try resolver.resolve(names.prefix(limit).joined(separator: "/"))[.B]
        #expect(atLimit.positions[0].pKeys.count > 100)
        #expect(Self.reason("B*07:02+" + names.prefix(limit + 1).joined(separator: "/"), resolver)
                == "position 2 of B lists 5,001 alternatives; at most 5,000 alternatives are read (docs/RELIABILITY.md)")
    }

    /// Two scored loci of one part over the limit: the first in `MatchLocus` order is named, every time (the loci
    /// of a part were once kept in a dictionary, and which one was reported changed from process to process).
    @Test func theFirstLocusOverTheAlternativesLimitIsNamed() throws {
        let resolver = try Self.freshResolver()
        let limit = InputLimits.alternativesPerPosition
        let list = { (locus: String) in resolver.data.whoAlleles.filter { $0.hasPrefix(locus + "*") }.prefix(limit + 1).joined(separator: "/") }
        // B before A in the text, and in the other part order too: A is still the one named.
        for typing in [list("B") + "~" + list("A") + "+B*07:02~A*01:01", list("A") + "~" + list("B") + "+A*01:01~B*07:02"] {
            #expect(Self.reason(typing, resolver)
                    == "position 1 of A lists 5,001 alternatives; at most 5,000 alternatives are read (docs/RELIABILITY.md)")
        }
        #expect(MatchLocus.allCases.indices.allSatisfy { i in
            MatchLocus.allCases.indices.allSatisfy { j in (MatchLocus.allCases[i] < MatchLocus.allCases[j]) == (i < j) }
        })
    }

    @Test func tooManyAllelesAreRefusedWhileCountingEachNameOnce() throws {
        let resolver = try Self.freshResolver()
        // 4,000 alternatives (under the limit of alternatives), each standing for every A2 allele.
        let typing = Array(repeating: "A2", count: 4_000).joined(separator: "/") + "+A*01:01"
        #expect(Self.reason(typing, resolver)
                == "position 1 of A stands for more than 200,000 alleles (counted over its alternatives as written); at most 200,000 alleles are read (docs/RELIABILITY.md)")
        // A2 was expanded once, nothing was combined or memoised as a value.
        #expect(resolver.tokenMemo.count == 1 && resolver.memo.count == 0)
    }

    @Test func theAllelesLimitIsExact() throws {
        let resolver = try Self.freshResolver()
        let xx = try GLString.parse("A*02:XX").tokens[0]
        let perCode = try Expander(resolver.data).alleles(of: xx).compactMap { resolver.data.alleleFacts($0) }.count
        let fit = InputLimits.allelesPerPosition / perCode
        #expect(fit > 1 && fit < InputLimits.alternativesPerPosition)
        let inside = try resolver.resolve(Array(repeating: "A*02:XX", count: fit).joined(separator: "/"))[.A].positions[0]
        #expect(inside == (try resolver.resolve("A*02:XX+A*02:XX")[.A].positions[0]).withWritten(inside.written))
        #expect(Self.reason(Array(repeating: "A*02:XX", count: fit + 1).joined(separator: "/"), resolver)?
                    .hasPrefix("position 1 of A stands for more than 200,000 alleles") == true)
    }

    @Test func structuralErrorsComeBeforeAnyExpansion() throws {
        let resolver = try Self.freshResolver()
        for typing in ["A*02:01+A*03:01^A*01:01+A*11:01", "A2+A2+A2", "A*01:01/B*08:01", "A*01:01+A*02:01~B*07:02"] {
            #expect(Self.reason(typing, resolver) != nil, "\(typing)")
        }
        #expect(resolver.tokenMemo.count == 0 && resolver.memo.count == 0)
    }

    @Test func aTypingOverTheByteLimitIsAParseErrorNamingTheLimit() throws {
        let resolver = try Self.freshResolver()
        let typing = Array(repeating: "A*02:01", count: 40_000).joined(separator: "/")
        #expect(typing.utf8.count > InputLimits.typingBytes)
        do {
            _ = try resolver.resolve(typing)
            Issue.record("accepted")
        } catch let e as HLAParseError {
            #expect(e.reason.hasSuffix("at most 262,144 bytes are read (docs/RELIABILITY.md)") && e.description.utf8.count < 400)
        }
        #expect(resolver.tokenMemo.count == 0)
    }

    @Test func longValuesAreNotHeldInTheValueMemo() throws {
        let resolver = try Self.freshResolver()
        let names = resolver.data.whoAlleles.filter { $0.hasPrefix("C*07:") }.prefix(1_000)
        let long = names.joined(separator: "/")
        #expect(long.utf8.count > TypingResolver.memoisedTextBytes)
        let first = try resolver.resolve(long)
        #expect(resolver.memo.count == 0 && resolver.tokenMemo.count == 1_000)
        // Resolved again from the memoised facts of its names, to the same value.
        #expect(try resolver.resolve(long) == first)
        _ = try resolver.resolve("C*07:01+C*07:02")
        #expect(resolver.memo.count == 2)
    }
}

extension PositionTyping {
    /// The same value under another written form.
    func withWritten(_ written: String) -> PositionTyping {
        PositionTyping(written: written, resolution: resolution, pKeys: pKeys, antigens: antigens, gKey: gKey, protein: protein,
                       cdna: cdna, isNull: isNull, mayBeNull: mayBeNull, tceGroup: tceGroup)
    }
}
