import CordIndex
import CordInventory
import CordMatch
import CordSupport
import HLA

/// One inventory database as the CLI, the server and other programs use it: opened in the mode the caller needs,
/// with one resolver (release, MAC and TCE tables), answering searches, explanations and comparisons with report
/// models (`SearchReport`, `ExplanationReport`, `CompareReport`), the latest rematch report (`RematchReport`), its
/// recipients and the requests recorded on its units.
///
/// The search index stays loaded between requests and is loaded again — once, however many requests find it stale —
/// when the database's stored index changes (an import or a release switch committed meanwhile). Every answer reads
/// its units in one read transaction of the loaded index's own version (`InventorySearch.pinnedToGeneration`), and is
/// computed again on the new index should a commit land in between: an answer never combines an index with rows of
/// another generation, and answers change exactly at a commit. Safe to use from many threads at once.
public final class InventoryService: Sendable {
    /// The database file.
    public var path: String { store.path }
    /// How typings are resolved.
    public let resolver: TypingResolver
    /// The store the queries read.
    package let store: InventoryStore
    /// Match probabilities from the installed haplotype frequency sets (none installed: no probabilities, and the
    /// outputs are as without the feature but for `"probabilities": null`).
    public let predictor: MatchPredictor
    /// The loaded search, kept for the stored index version it was loaded for.
    private let warm: WarmState<StoredIndexVersion, InventorySearch>
    /// How many times an answer is computed again when commits keep landing during it.
    static let attempts = 4

    /// Opens the database at `path` and loads its search index while `resolver` is built (a release loads from
    /// its snapshot meanwhile: the two overlap).
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - mode: how it may be opened (`InventoryStore.OpenMode`): readers use `.readOnly`.
    ///   - resolver: builds the resolver (e.g. `ReferenceSource.resolver(_:withMACs:)`).
    /// - Throws: `InventoryOpenError` for a missing, empty or foreign database; the resolver's errors.
    ///   - haplotypes: the haplotype frequency sets for the resolver (default: none).
    public convenience init(database path: String, mode: InventoryStore.OpenMode, resolver: (InventoryStore) throws -> TypingResolver,
                            haplotypes: (TypingResolver) throws -> HaplotypeSets = { _ in HaplotypeSets() }) throws {
        let store = try InventoryStore(path: path, mode: mode)
        try self.init(store: store, resolver: { try resolver(store) }, haplotypes: haplotypes)
    }

    /// Opens the database at `path` with its typings resolved under the release `release` names, else the one the
    /// database's index was built with, else the installed default (`ReferenceSource.choice(_:for:)`), with the
    /// installed MAC and TCE tables and the haplotype frequency sets installed in `source`'s data directory.
    ///
    /// ```swift
    /// let inventory = try InventoryService(database: "inventory.sqlite", mode: .readOnly)
    /// let report = try inventory.search(SearchQuery(recipient: .stored("R-0001"), searchDate: .today(), limit: 5))
    /// ```
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - mode: how it may be opened: readers use `.readOnly`.
    ///   - source: where releases come from (default: `$CORDMATCH_HOME`, `$CORDMATCH_IMGT_DIR`).
    ///   - release: the release to use (default: the database's own).
    /// - Throws: `InventoryOpenError` for a missing, empty or foreign database; `ReferenceDataError` when the release
    ///   is not installed.
    public convenience init(database path: String, mode: InventoryStore.OpenMode, source: ReferenceSource = .fromEnvironment(),
                            release: ReleaseChoice = .standard) throws {
        try self.init(database: path, mode: mode, resolver: { store in try source.resolver(try source.choice(release, for: store)) },
                      haplotypes: source.haplotypeSets)
    }

    /// A service over an open store: its search index is read while `resolver` is built.
    ///
    /// - Parameters:
    ///   - store: the open inventory.
    ///   - resolver: builds the resolver.
    ///   - haplotypes: the haplotype frequency sets, compiled for the resolver's release (default: none).
    /// - Throws: the resolver's errors; the sets' errors; database errors.
    public init(store: InventoryStore, resolver: () throws -> TypingResolver,
                haplotypes: (TypingResolver) throws -> HaplotypeSets = { _ in HaplotypeSets() }) throws {
        // The index and its version are read in one transaction: an import committing meanwhile makes the stored
        // version newer than the loaded one, and the next request loads the index again.
        let loading = StoredIndexLoad(store)
        self.store = store
        self.resolver = try resolver()
        predictor = MatchPredictor(sets: try haplotypes(self.resolver))
        let search = try InventorySearch(store: store, resolver: self.resolver, loading: loading, pinnedToGeneration: true)
        warm = WarmState(search.indexVersion, search)
    }

    /// The search over the current stored index (loaded again when it changed since the last request).
    ///
    /// - Throws: database errors.
    public func currentSearch() throws -> InventorySearch {
        try warm.value(version: { try store.indexVersion() }) {
            let search = try InventorySearch(store: store, resolver: resolver, pinnedToGeneration: true)
            return (search.indexVersion, search)
        }
    }

    /// Runs `body` on the current search, and again on the new index when a commit lands while it reads
    /// (`InventorySearch.IndexChanged`): what `body` returns is of one index generation.
    ///
    /// - Parameter body: the computation (a search, an explanation, a comparison).
    /// - Returns: what `body` returns.
    /// - Throws: `InventorySearch.IndexChanged` when commits kept landing through `attempts` tries; what `body`
    ///   throws; database errors.
    public func withCurrentSearch<T>(_ body: (InventorySearch) throws -> T) throws -> T {
        var changed: InventorySearch.IndexChanged?
        for _ in 0..<Self.attempts {
            do {
                return try body(try currentSearch())
            } catch let e as InventorySearch.IndexChanged {
                changed = e
            }
        }
        throw changed!
    }

    /// The recipient a request names, resolved, and the policy it is searched under.
    ///
    /// - Parameters:
    ///   - recipient: a stored recipient or an ad-hoc one.
    ///   - policy: the policy asked for; nil: the stored recipient's own, else its disease's preset.
    /// - Throws: `NotInInventory` for an unknown recipient; `TypingError` for a typing or antibody list that does
    ///   not resolve; `PolicyError` for a policy that does not load.
    public func subject(_ recipient: RecipientReference, policy: PolicyReference?) throws -> (recipient: Recipient, policy: SelectionPolicy) {
        switch recipient {
        case .stored(let id):
            guard let row = try store.recipient(id) else { throw NotInInventory(kind: "recipient", id: id, database: path) }
            return (try row.recipient(resolver), try (policy ?? PolicyReference(row.policyName)).load())
        case .adHoc(let r):
            let resolved = Recipient(id: AdHocRecipient.id, typing: try resolver.resolve(r.typing), weightKg: r.weightKg, disease: r.disease,
                                     antibodies: try AntibodyList.parse(r.antibodies, resolver: resolver))
            return (resolved, try (policy ?? .preset(for: r.disease)).load())
        }
    }

    /// Searches the inventory: ranked eligible units, ineligible ones when asked for, double units when no single
    /// unit passes.
    ///
    /// - Parameter query: whom for, under which policy and date, how many results.
    /// - Returns: the report (`cordmatch.search/1`).
    /// - Throws: as `subject(_:policy:)`, and database errors.
    public func search(_ query: SearchQuery) throws -> SearchReport {
        let (recipient, policy) = try subject(query.recipient, policy: query.policy)
        return try withCurrentSearch { try report(on: $0, recipient: recipient, policy: policy, query) }
    }

    /// The search report of `query` for a recipient and policy already resolved (`subject(_:policy:)`), on one
    /// loaded search (`withCurrentSearch(_:)`): for callers that keep answers per index, as the server does.
    ///
    /// - Parameters:
    ///   - search: the loaded search.
    ///   - recipient: the resolved recipient.
    ///   - policy: the policy.
    ///   - query: the date, limit and whether ineligible units are listed.
    /// - Returns: the report (`cordmatch.search/1`).
    /// - Throws: database errors; `InventorySearch.IndexChanged` when a commit landed meanwhile.
    public func report(on search: InventorySearch, recipient: Recipient, policy: SelectionPolicy, _ query: SearchQuery) throws -> SearchReport {
        let result = try search.search(recipient, policy: policy, searchDate: query.searchDate, includeIneligible: query.includeIneligible,
                                       predictor: predictor, predicted: query.limit)
        return SearchReport(result: result, recipient: recipient.id, searchDate: query.searchDate, limit: query.limit,
                            includeIneligible: query.includeIneligible, probabilitiesShown: predictor.hasSets)
    }

    /// Explains one unit for one recipient: every locus, count, dose, antibody and rule, eligible or not.
    ///
    /// - Parameter query: the recipient, unit, policy and date.
    /// - Returns: the report (`cordmatch.explain/1`).
    /// - Throws: `NotInInventory` for an unknown recipient or unit; as `subject(_:policy:)`.
    public func explain(_ query: ExplainQuery) throws -> ExplanationReport {
        let (recipient, policy) = try subject(query.recipient, policy: query.policy)
        guard let assessment = try withCurrentSearch({
            try $0.explain(recipient, unitID: query.unitID, policy: policy, searchDate: query.searchDate, predictor: predictor)
        }) else {
            throw NotInInventory(kind: "unit", id: query.unitID, database: path)
        }
        return ExplanationReport(assessment: assessment, recipient: recipient.id, searchDate: query.searchDate)
    }

    /// Several units side by side for one recipient, each assessed as `explain` does, in the order asked.
    ///
    /// - Parameter query: the recipient, units, policy and date.
    /// - Returns: the report (`cordmatch.compare/1`), with the ids the inventory does not hold listed as missing.
    /// - Throws: `NotInInventory` for an unknown recipient; as `subject(_:policy:)`.
    public func compare(_ query: CompareQuery) throws -> CompareReport {
        let (recipient, policy) = try subject(query.recipient, policy: query.policy)
        let assessments = try withCurrentSearch {
            try $0.assess(recipient, unitIDs: query.unitIDs, policy: policy, searchDate: query.searchDate, predictor: predictor)
        }
        let found = Set(assessments.map(\.unitID))
        return CompareReport(assessments, missing: query.unitIDs.filter { !found.contains($0) }, recipient: recipient.id, policy: policy,
                             release: resolver.data.version, searchDate: query.searchDate)
    }

    /// The report of the latest finished rematch run (or of run `runID`).
    ///
    /// - Throws: `InventoryError` when there is no such run.
    public func rematchReport(run runID: Int64? = nil) throws -> RematchReport {
        try RematchReport.build(store, resolver: resolver, runID: runID, predictor: predictor)
    }

    /// Stored recipients by id, a page at a time (`InventoryStore.recipients(after:limit:)`).
    ///
    /// - Parameters:
    ///   - after: the last id of the previous page (nil: from the first).
    ///   - limit: the most recipients returned.
    /// - Returns: the rows, by id.
    /// - Throws: database errors.
    public func recipients(after: String?, limit: Int) throws -> [RecipientRow] { try store.recipients(after: after, limit: limit) }

    /// The stored recipient `id`, as imported.
    ///
    /// - Parameter id: the recipient's id.
    /// - Returns: its row, or nil when it is not stored.
    /// - Throws: database errors.
    public func recipient(_ id: String) throws -> RecipientRow? { try store.recipient(id) }

    /// Records a coordinator's request on a unit for a recipient (audited in the same transaction).
    ///
    /// - Parameters:
    ///   - recipientID: the stored recipient.
    ///   - unitID: the stored unit.
    ///   - kind: what is requested.
    ///   - note: the coordinator's note (at most `UnitRequestRow.noteBytes`).
    ///   - account: who asks.
    /// - Returns: the stored request.
    /// - Throws: `NotInInventory` for an unknown recipient or unit; `InventoryError` for a note too long.
    public func addRequest(recipientID: String, unitID: String, kind: UnitRequestRow.Kind, note: String, account: String) throws -> UnitRequestRow {
        try store.addRequest(recipientID: recipientID, unitID: unitID, kind: kind, note: note, account: account)
    }

    /// The requests recorded for `recipientID` (every recipient's when nil), oldest first.
    ///
    /// - Parameter recipientID: the recipient, or nil for all.
    /// - Returns: the requests.
    /// - Throws: database errors.
    public func requests(recipientID: String?) throws -> [UnitRequestRow] { try store.requests(recipientID: recipientID) }
}
