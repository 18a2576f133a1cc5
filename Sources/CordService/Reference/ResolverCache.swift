import CordMatch
import HLA
import Synchronization

/// One resolver per release, built on first use and shared by everything that names that release — scenario
/// files that name their `imgt_version`, or a server answering many requests.
public final class ResolverCache: Sendable {
    /// Where releases come from.
    public let source: ReferenceSource
    /// The release used when none is named.
    public let standard: ReleaseChoice
    private let resolvers = Mutex<[ReleaseChoice: TypingResolver]>([:])

    /// - Parameters:
    ///   - source: where releases come from.
    ///   - standard: the release used when none is named (a command line's `--imgt-version`/`--imgt-dir`).
    public init(source: ReferenceSource, standard: ReleaseChoice = .standard) {
        self.source = source
        self.standard = standard
    }

    /// The resolver of the standard release when `version` is nil or is its version, else of the installed
    /// release `version`.
    ///
    /// - Throws: `ReferenceDataError` when the release cannot be loaded.
    ///
    /// - Parameter version: A release version, or nil for the standard release.
    /// - Returns: The resolver, built once for each release and kept.
    public func resolver(_ version: String? = nil) throws -> TypingResolver {
        let standardResolver = Result { try resolver(for: standard) }
        guard let version, version != (try? standardResolver.get())?.data.version else { return try standardResolver.get() }
        return try resolver(for: .version(version))
    }

    private func resolver(for choice: ReleaseChoice) throws -> TypingResolver {
        if let known = resolvers.withLock({ $0[choice] }) { return known }
        let built = try source.resolver(choice)
        return resolvers.withLock { cache in
            if let known = cache[choice] { return known }
            cache[choice] = built
            return built
        }
    }
}
