import CordIndex
import CordInventory
import CordMatch
import CordSupport
import HLA
import Synchronization

/// One inventory database as the CLI, the server and other programs use it: opened in the mode the caller needs,
/// with one resolver (release, MAC and TCE tables), answering searches, explanations and comparisons with report
/// models (`SearchReport`, `ExplanationReport`, `CompareReport`), the latest rematch report (`RematchReport`), its
/// recipients and the requests recorded on its units.
///
/// The search index stays loaded between requests and is loaded again — once, however many requests find it stale —
/// when the database's stored index changes (an import or a release switch committed meanwhile); a service whose
/// release was not named follows the database's release at that reload (`cordmatch data use V --db` while a server
/// runs: answers are of the old release until the switch commits, of the new one after). Every answer reads
/// its units in one read transaction of the loaded index's own version (`InventorySearch.pinnedToGeneration`), and is
/// computed again on the new index should a commit land in between: an answer never combines an index with rows of
/// another generation, and answers change exactly at a commit. Safe to use from many threads at once.
public final class InventoryService: Sendable {
    /// The database file.
    public var path: String { store.path }
    /// How typings are resolved: the resolver of the search loaded last (`currentSearch()` may load another, when
    /// the database's release changed since).
    public var resolver: TypingResolver { warm.keptValue!.resolver }
    /// The store the queries read.
    package let store: InventoryStore
    /// Match probabilities from the installed haplotype frequency sets, compiled for the release of the search
    /// loaded last (none installed: no probabilities, and the outputs are as without the feature but for
    /// `"probabilities": null`).
    public var predictor: MatchPredictor {
        get throws { try predictor(for: warm.keptValue!) }
    }
    /// Compiles the haplotype frequency sets for a release's resolver.
    private let haplotypes: @Sendable (TypingResolver) throws -> HaplotypeSets
    /// The sets compiled per release (by version): one, unless the database's release was switched while the
    /// service ran.
    private let predictors: Mutex<[String: MatchPredictor]>
    /// The loaded search, kept for the stored index version it was loaded for.
    private let warm: WarmState<StoredIndexVersion, InventorySearch>
    /// Where the resolver of each load comes from.
    private let selection: ResolverSelection
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
                            haplotypes: @escaping @Sendable (TypingResolver) throws -> HaplotypeSets = { _ in HaplotypeSets() }) throws {
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
        try self.init(store: try InventoryStore(path: path, mode: mode), source: source, release: release)
    }

    /// A service over an open store, its typings resolved under the release `release` names — for the service's
    /// whole life — or, for `.standard`, under the release the database's index was built with (else the
    /// installed default), followed when a release switch commits while the service runs.
    ///
    /// - Parameters:
    ///   - store: the open inventory.
    ///   - source: where releases come from.
    ///   - release: the release to use (`.standard`: the database's own, followed).
    /// - Throws: `ReferenceDataError` when the release is not installed; database errors.
    public convenience init(store: InventoryStore, source: ReferenceSource, release: ReleaseChoice) throws {
        let selection: ResolverSelection = release == .standard ? .followingTheDatabase(source) : .fixed
        try self.init(store: store, selection: selection, resolver: { try source.resolver(try source.choice(release, for: store)) },
                      haplotypes: { try source.haplotypeSets($0) })
    }

    /// A service over an open store, with the resolver `resolver` builds for its whole life: its search index is
    /// read while the resolver is built.
    ///
    /// - Parameters:
    ///   - store: the open inventory.
    ///   - resolver: builds the resolver.
    ///   - haplotypes: the haplotype frequency sets, compiled for the resolver's release (default: none).
    /// - Throws: the resolver's errors; the sets' errors; database errors.
    public convenience init(store: InventoryStore, resolver: () throws -> TypingResolver,
                            haplotypes: @escaping @Sendable (TypingResolver) throws -> HaplotypeSets = { _ in HaplotypeSets() }) throws {
        try self.init(store: store, selection: .fixed, resolver: resolver, haplotypes: haplotypes)
    }

    private init(store: InventoryStore, selection: ResolverSelection, resolver: () throws -> TypingResolver,
                 haplotypes: @escaping @Sendable (TypingResolver) throws -> HaplotypeSets) throws {
        // The index and its version are read in one transaction: an import committing meanwhile makes the stored
        // version newer than the loaded one, and the next request loads the index again.
        let loading = StoredIndexLoad(store)
        self.store = store
        self.selection = selection
        self.haplotypes = haplotypes
        let resolver = try resolver()
        predictors = Mutex([resolver.data.version: MatchPredictor(sets: try haplotypes(resolver))])
        let search = try InventorySearch(store: store, resolver: resolver, loading: loading, pinnedToGeneration: true)
        warm = WarmState(search.indexVersion, search)
    }

    /// The search over the current stored index (loaded again when it changed since the last request, with the
    /// resolver of the database's release when the service follows it).
    ///
    /// - Returns: the loaded search.
    /// - Throws: `ReferenceDataError` when the database was switched to a release that is not installed here;
    ///   database errors.
    public func currentSearch() throws -> InventorySearch {
        try warm.value(version: { try store.indexVersion() }) {
            var resolver = resolver
            var search: InventorySearch
            var tries = 0
            repeat {
                // A release switch committing between choosing the resolver and reading the index leaves an index
                // rebuilt under the previous release: choose again.
                resolver = try selection.resolver(for: store, current: resolver)
                search = try InventorySearch(store: store, resolver: resolver, pinnedToGeneration: true)
                tries += 1
            } while try tries < Self.attempts && !selection.isCurrent(search, in: store)
            return (search.indexVersion, search)
        }
    }

    /// The loaded search when it is of the stored index version `version`, nil otherwise: nothing is loaded.
    ///
    /// - Parameter version: the stored index's version now (`InventoryStore.indexVersion()`).
    /// - Returns: the search loaded last, if it is of that version.
    public func loadedSearch(ifAt version: StoredIndexVersion) -> InventorySearch? {
        warm.keptValue.flatMap { $0.indexVersion == version ? $0 : nil }
    }

    /// The match predictor for `search`'s release: the sets compiled for it once, when a search of that release is
    /// first loaded.
    ///
    /// - Parameter search: a loaded search (`currentSearch()`, `withCurrentSearch(_:)`).
    /// - Returns: the predictor (without sets when none are installed).
    /// - Throws: the sets' errors (a set that does not compile for the release).
    public func predictor(for search: InventorySearch) throws -> MatchPredictor {
        let version = search.resolver.data.version
        if let kept = predictors.withLock({ $0[version] }) { return kept }
        let compiled = MatchPredictor(sets: try haplotypes(search.resolver))
        return predictors.withLock { kept in
            if let other = kept[version] { return other }
            kept[version] = compiled
            return compiled
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
    /// - Returns: The recipient, its typing and antibodies resolved, and the loaded policy.
    public func subject(_ recipient: RecipientReference, policy: PolicyReference?) throws -> (recipient: Recipient, policy: SelectionPolicy) {
        try subject(recipient, policy: policy, on: try currentSearch())
    }

    /// The recipient a request names, resolved with `search`'s resolver — the release of the index it is searched
    /// on — and the policy it is searched under.
    ///
    /// - Parameters:
    ///   - recipient: a stored recipient or an ad-hoc one.
    ///   - policy: the policy asked for; nil: the stored recipient's own, else its disease's preset.
    ///   - search: the loaded search the recipient is matched on (`withCurrentSearch(_:)`).
    /// - Returns: the resolved recipient and the loaded policy.
    /// - Throws: as `subject(_:policy:)`.
    public func subject(_ recipient: RecipientReference, policy: PolicyReference?, on search: InventorySearch)
        throws -> (recipient: Recipient, policy: SelectionPolicy)
    {
        try subject(try searchSubject(recipient, policy: policy), on: search)
    }

    /// Whom a request is for, as stored or as given, and the policy it names — read, not yet resolved: what an
    /// answer depends on besides the index, the date and the limits (the server keys its kept answers by it).
    ///
    /// - Parameters:
    ///   - recipient: a stored recipient or an ad-hoc one.
    ///   - policy: the policy asked for; nil: the stored recipient's own, else its disease's preset.
    /// - Returns: the stored row (or the ad-hoc recipient) and the policy reference.
    /// - Throws: `NotInInventory` for an unknown recipient; database errors.
    public func searchSubject(_ recipient: RecipientReference, policy: PolicyReference?) throws -> SearchSubject {
        switch recipient {
        case .stored(let id):
            guard let row = try store.recipient(id) else { throw NotInInventory(kind: "recipient", id: id, database: path) }
            return searchSubject(row, policy: policy)
        case .adHoc(let r):
            return SearchSubject(recipient: .adHoc(r), policy: policy ?? .preset(for: r.disease))
        }
    }

    /// The subject of a request about stored recipient `row`.
    ///
    /// - Parameters:
    ///   - row: the recipient as stored.
    ///   - policy: the policy asked for; nil: the recipient's own, else its disease's preset.
    /// - Returns: the row and the policy reference.
    public func searchSubject(_ row: RecipientRow, policy: PolicyReference?) -> SearchSubject {
        SearchSubject(recipient: .stored(row), policy: policy ?? PolicyReference(row.policyName))
    }

    /// A request's subject resolved with `search`'s resolver, and its policy loaded.
    ///
    /// - Parameters:
    ///   - subject: the recipient as stored or given, and the policy reference (`searchSubject(_:policy:)`).
    ///   - search: the loaded search the recipient is matched on.
    /// - Returns: the resolved recipient and the loaded policy.
    /// - Throws: `TypingError` for a typing or antibody list that does not resolve; `PolicyError` for a policy that
    ///   does not load.
    public func subject(_ subject: SearchSubject, on search: InventorySearch) throws -> (recipient: Recipient, policy: SelectionPolicy) {
        let resolver = search.resolver
        let recipient: Recipient
        switch subject.recipient {
        case .stored(let row):
            recipient = try row.recipient(resolver)
        case .adHoc(let r):
            recipient = Recipient(id: AdHocRecipient.id, typing: try resolver.resolve(r.typing), weightKg: r.weightKg, disease: r.disease,
                                  antibodies: try AntibodyList.parse(r.antibodies, resolver: resolver))
        }
        return (recipient, try subject.policy.load())
    }

    /// Searches the inventory: ranked eligible units, ineligible ones when asked for, double units when no single
    /// unit passes.
    ///
    /// - Parameter query: whom for, under which policy and date, how many results.
    /// - Returns: the report (`cordmatch.search/1`).
    /// - Throws: as `subject(_:policy:)`, and database errors.
    public func search(_ query: SearchQuery) throws -> SearchReport {
        try withCurrentSearch { search in
            let (recipient, policy) = try subject(query.recipient, policy: query.policy, on: search)
            return try report(on: search, recipient: recipient, policy: policy, query)
        }
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
        let predictor = try predictor(for: search)
        let result = try search.search(recipient, policy: policy, searchDate: query.searchDate, includeIneligible: query.includeIneligible,
                                       predictor: predictor, predicted: query.limit)
        return SearchReport(result: result, recipient: recipient.id, searchDate: query.searchDate, limit: query.limit,
                            includeIneligible: query.includeIneligible, probabilitiesShown: predictor.hasSets)
    }

    /// The search of `query` as the workspace's grid shows it: the report (`cordmatch.search/1`, without
    /// ineligible units whatever `query.includeIneligible` says), the near misses and the pairs' units, from one
    /// loaded search.
    ///
    /// - Parameters:
    ///   - query: whom for, under which policy and date, how many results.
    ///   - nearMisses: whether the near misses are looked for (most of the time of a grid on a large inventory);
    ///     false: the grid has none.
    /// - Returns: the grid.
    /// - Throws: as `subject(_:policy:)`, and database errors.
    public func searchGrid(_ query: SearchQuery, nearMisses: Bool = true) throws -> SearchGrid {
        try withCurrentSearch { search in
            let (recipient, policy) = try subject(query.recipient, policy: query.policy, on: search)
            return try searchGrid(on: search, recipient: recipient, policy: policy, query, nearMisses: nearMisses)
        }
    }

    /// The grid of `query` for a recipient and policy already resolved, on one loaded search
    /// (`withCurrentSearch(_:)`): for callers that keep grids per index, as the server does.
    ///
    /// - Parameters:
    ///   - search: the loaded search.
    ///   - recipient: the resolved recipient.
    ///   - policy: the policy.
    ///   - query: the date and limit.
    ///   - nearMisses: whether the near misses are looked for.
    /// - Returns: the grid.
    /// - Throws: database errors; `InventorySearch.IndexChanged` when a commit landed meanwhile; the haplotype
    ///   sets' errors.
    public func searchGrid(on search: InventorySearch, recipient: Recipient, policy: SelectionPolicy, _ query: SearchQuery,
                           nearMisses: Bool) throws -> SearchGrid {
        let predictor = try predictor(for: search)
        let result = try search.search(recipient, policy: policy, searchDate: query.searchDate, predictor: predictor, predicted: query.limit)
        let near = nearMisses ? try search.nearMisses(recipient, policy: policy, searchDate: query.searchDate) : []
        return SearchGrid(result: result, nearMisses: near, recipient: recipient.id, policy: policy, query: query,
                          probabilitiesShown: predictor.hasSets)
    }

    /// Explains one unit for one recipient: every locus, count, dose, antibody and rule, eligible or not.
    ///
    /// - Parameter query: the recipient, unit, policy and date.
    /// - Returns: the report (`cordmatch.explain/1`).
    /// - Throws: `NotInInventory` for an unknown recipient or unit; as `subject(_:policy:)`.
    public func explain(_ query: ExplainQuery) throws -> ExplanationReport {
        let (recipient, assessment) = try withCurrentSearch { search in
            let (recipient, policy) = try subject(query.recipient, policy: query.policy, on: search)
            return (recipient, try search.explain(recipient, unitID: query.unitID, policy: policy, searchDate: query.searchDate,
                                                  predictor: try predictor(for: search)))
        }
        guard let assessment else { throw NotInInventory(kind: "unit", id: query.unitID, database: path) }
        return ExplanationReport(assessment: assessment, recipient: recipient.id, searchDate: query.searchDate)
    }

    /// Several units side by side for one recipient, each assessed as `explain` does, in the order asked.
    ///
    /// - Parameter query: the recipient, units, policy and date.
    /// - Returns: the report (`cordmatch.compare/1`), with the ids the inventory does not hold listed as missing.
    /// - Throws: `NotInInventory` for an unknown recipient; as `subject(_:policy:)`.
    public func compare(_ query: CompareQuery) throws -> CompareReport {
        try withCurrentSearch { search in
            let (recipient, policy) = try subject(query.recipient, policy: query.policy, on: search)
            let assessments = try search.assess(recipient, unitIDs: query.unitIDs, policy: policy, searchDate: query.searchDate,
                                                predictor: try predictor(for: search))
            let found = Set(assessments.map(\.unitID))
            return CompareReport(assessments, missing: query.unitIDs.filter { !found.contains($0) }, recipient: recipient.id,
                                 policy: policy, release: search.resolver.data.version, searchDate: query.searchDate)
        }
    }

    /// The report of the latest finished rematch run (or of run `runID`).
    ///
    /// - Throws: `InventoryError` when there is no such run.
    ///
    /// - Parameter runID: The run's id; nil: the latest finished run.
    /// - Returns: The report: what changed for each recipient since the run before it.
    public func rematchReport(run runID: Int64? = nil) throws -> RematchReport {
        let search = try currentSearch()
        return try RematchReport.build(store, resolver: search.resolver, runID: runID, predictor: try predictor(for: search))
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
