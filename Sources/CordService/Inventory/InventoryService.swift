import CordIndex
import CordInventory
import CordMatch
import HLA
import Synchronization

/// One inventory database as the CLI, the server and other programs use it: opened in the mode the caller needs,
/// with one resolver (release, MAC and TCE tables), answering searches and explanations with report models
/// (`SearchReport`, `ExplanationReport`) and the latest rematch report (`RematchReport`).
///
/// The search index stays loaded between requests and is loaded again when the database's stored index changes (an
/// import or a release switch committed meanwhile), so a long-lived service answers from the current inventory.
/// Safe to use from many threads at once.
public final class InventoryService: Sendable {
    /// The database file.
    public var path: String { store.path }
    /// How typings are resolved.
    public let resolver: TypingResolver
    /// The store the queries read.
    package let store: InventoryStore
    /// The loaded search, with the stamp of the stored index it was loaded for.
    private let warm: Mutex<(stamp: UInt64?, search: InventorySearch)?>

    /// Opens the database at `path` and loads its search index while `resolver` is built (a release loads from
    /// its snapshot meanwhile: the two overlap).
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - mode: how it may be opened (`InventoryStore.OpenMode`): readers use `.readOnly`.
    ///   - resolver: builds the resolver (e.g. `ReferenceSource.resolver(_:withMACs:)`).
    /// - Throws: `InventoryOpenError` for a missing, empty or foreign database; the resolver's errors.
    public convenience init(database path: String, mode: InventoryStore.OpenMode, resolver: (InventoryStore) throws -> TypingResolver) throws {
        let store = try InventoryStore(path: path, mode: mode)
        try self.init(store: store) { try resolver(store) }
    }

    /// Opens the database at `path` with its typings resolved under the release `release` names, else the one the
    /// database's index was built with, else the installed default (`ReferenceSource.choice(_:for:)`), with the
    /// installed MAC and TCE tables.
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
        try self.init(database: path, mode: mode) { store in try source.resolver(try source.choice(release, for: store)) }
    }

    /// A service over an open store: its search index is read while `resolver` is built.
    ///
    /// - Parameters:
    ///   - store: the open inventory.
    ///   - resolver: builds the resolver.
    /// - Throws: the resolver's errors; database errors.
    public init(store: InventoryStore, resolver: () throws -> TypingResolver) throws {
        // The stamp first: an import committing meanwhile makes the index newer than it, and the next request loads
        // the index again (never an old index kept as the new one).
        let stamp = try store.indexStamp()
        let loading = StoredIndexLoad(store)
        self.store = store
        self.resolver = try resolver()
        warm = Mutex((stamp, try InventorySearch(store: store, resolver: self.resolver, loading: loading)))
    }

    /// The search over the current stored index (loaded again when it changed since the last request).
    public func currentSearch() throws -> InventorySearch {
        let stamp = try store.indexStamp()
        if let w = warm.withLock({ $0 }), w.stamp == stamp { return w.search }
        // (Loaded after the stamp was read: see `init(store:resolver:)`.)
        let search = try InventorySearch(store: store, resolver: resolver)
        warm.withLock { $0 = (stamp, search) }
        return search
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
    /// - Throws: as `subject(_:policy:)`, and database errors.
    public func search(_ query: SearchQuery) throws -> SearchReport {
        let (recipient, policy) = try subject(query.recipient, policy: query.policy)
        let result = try currentSearch().search(recipient, policy: policy, searchDate: query.searchDate, includeIneligible: query.includeIneligible)
        return SearchReport(result: result, recipient: recipient.id, searchDate: query.searchDate, limit: query.limit,
                            includeIneligible: query.includeIneligible)
    }

    /// Explains one unit for one recipient: every locus, count, dose, antibody and rule, eligible or not.
    ///
    /// - Throws: `NotInInventory` for an unknown recipient or unit; as `subject(_:policy:)`.
    public func explain(_ query: ExplainQuery) throws -> ExplanationReport {
        let (recipient, policy) = try subject(query.recipient, policy: query.policy)
        guard let assessment = try currentSearch().explain(recipient, unitID: query.unitID, policy: policy, searchDate: query.searchDate) else {
            throw NotInInventory(kind: "unit", id: query.unitID, database: path)
        }
        return ExplanationReport(assessment: assessment, recipient: recipient.id, searchDate: query.searchDate)
    }

    /// The report of the latest finished rematch run (or of run `runID`).
    ///
    /// - Throws: `InventoryError` when there is no such run.
    public func rematchReport(run runID: Int64? = nil) throws -> RematchReport {
        try RematchReport.build(store, resolver: resolver, runID: runID)
    }
}
