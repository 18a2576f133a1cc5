import CordInventory
import CordMatch
import Foundation
import HLA
import NIOCore
import NIOPosix

/// Every call the server makes into the inventory library, in one place (the planned service layer replaces this
/// file): the warm search state, recipients, reports, requests, accounts, tokens, sessions and the audit trail.
/// Its methods block (SQLite, the search's scan): routes call them through `blocking(_:)`, on the thread pool.
///
/// The warm state is the resolver of the chosen release and the loaded search index. Each search first reads the
/// stored index's version; when an import or a release switch has committed a new one, the index is reloaded
/// (and the resolver, when the release the choice names has changed) before the search runs. The search then
/// reads its units in one read transaction of the index's own version (`InventorySearch.pinnedToGeneration`),
/// retrying with the new index should a commit land in between — so an answer never combines an index with rows
/// of another generation, and answers change exactly at an import's commit.
public final class InventoryAccess: Sendable {
    let store: InventoryStore
    let release: ReleaseChoice?
    let cacheCapacity: Int
    private let warm = WarmState<StoredIndexVersion, WarmSearch>()
    private let resolverState = WarmState<URL, TypingResolver>()
    private let computeSlots = DispatchSemaphore(value: System.coreCount)

    /// The loaded index's search and its answers.
    struct WarmSearch: Sendable {
        let search: InventorySearch
        let answers: AnswerCache<SearchKey>
    }

    /// What a search answer depends on besides the index.
    struct SearchKey: Hashable, Sendable {
        let recipient: Recipient, policy: SelectionPolicy, date: CalendarDate, limit: Int, includeIneligible: Bool
    }

    /// Serves `store`; searches resolve typings with the release `release` names (nil: this access only manages
    /// accounts and reads the audit trail).
    public init(store: InventoryStore, release: ReleaseChoice?, cachedAnswers: Int = 4096) {
        self.store = store
        self.release = release
        cacheCapacity = cachedAnswers
    }

    /// Runs blocking library work on the server's thread pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await Self.threads.runIfActive(body)
    }

    /// The threads that run blocking work: SQLite reads, the audit trail's commits (which wait for the disk) and
    /// searches. More than the cores, so that requests waiting for a commit's fsync or a reader connection do not
    /// hold up the searches that could run meanwhile. One pool for the process, started once.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(8, 4 * System.coreCount))
        pool.start()
        return pool
    }()

    // MARK: Warm search

    /// Loads the resolver and the index now (the server does this before it listens).
    public func warmUp() throws { _ = try current() }

    /// The version of the index the server holds.
    var loadedIndexVersion: StoredIndexVersion? { warm.keptVersion }

    private func resolver() throws -> TypingResolver {
        guard let release else { throw ProblemDetails(.serviceUnavailable, "this server was started without reference data") }
        return try resolverState.value(version: { try release.folder().url }, load: { (try release.folder().url, try release.resolver()) })
    }

    private func current() throws -> WarmSearch {
        try warm.value(version: { try store.indexVersion() }) {
            let search = try InventorySearch(store: store, resolver: try resolver(), pinnedToGeneration: true)
            return (search.indexVersion, WarmSearch(search: search, answers: AnswerCache(capacity: cacheCapacity)))
        }
    }

    /// Runs `body` on the warm search, reloading it when the database's index moved on (also between the scan and
    /// the reads of one search), and maps the library's errors to problems.
    private func withSearch<T>(_ body: (WarmSearch) throws -> T) throws -> T {
        for _ in 0..<4 {
            do {
                return try answering { try body(try current()) }
            } catch is InventorySearch.IndexChanged {
                continue
            }
        }
        throw ProblemDetails(.serviceUnavailable, "the inventory is changing (imports are committing); try again",
                             headers: [.retryAfter: "1"])
    }

    /// The library's errors as problems: not found → 404; a validation error (a typing, antibodies, a policy) →
    /// 400 with the CLI's message; the rest pass through (a 500 that says nothing).
    private func answering<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as InventoryNotFound {
            throw ProblemDetails.notFound(e.description)
        } catch let e where e is HLAParseError || e is NomenclatureError || e is TypingError || e is PolicyError || e is InventoryError
                                || e is InvalidValue {
            throw ProblemDetails.badRequest("\(e)")
        }
    }

    /// `cordmatch search --format json` for `request`.
    func searchReport(_ request: SearchRequest, limit: Int, includeIneligible: Bool) throws -> String {
        try withSearch { warm in
            let (recipient, policy) = try warm.search.load(request)
            let key = SearchKey(recipient: recipient, policy: policy, date: request.searchDate, limit: limit, includeIneligible: includeIneligible)
            return try warm.answers.answer(key) {
                try computing {
                    try warm.search.report(for: recipient, policy: policy, searchDate: request.searchDate, limit: limit,
                                           includeIneligible: includeIneligible).json()
                }
            }
        }
    }

    /// `cordmatch explain --format json` for `request` and `unitID`.
    func explainReport(_ request: SearchRequest, unitID: String) throws -> String {
        try withSearch { warm in try computing { try warm.search.explainReport(request, unitID: unitID).json() } }
    }

    /// `cordmatch.compare/1` for `request` and `unitIDs`.
    func compareReport(_ request: SearchRequest, unitIDs: [String]) throws -> String {
        try withSearch { warm in try computing { try warm.search.compareReport(request, unitIDs: unitIDs).json() } }
    }

    /// Runs a computation that uses every core (a search's scan): at most as many at once as there are cores,
    /// so that many concurrent searches queue instead of thrashing each other (measured: 32 at once took 8 times
    /// as long in all as the same searches 4 at a time); everything else (cached answers, reads) goes on meanwhile.
    private func computing<T>(_ body: () throws -> T) rethrows -> T {
        computeSlots.wait()
        defer { computeSlots.signal() }
        return try body()
    }

    /// The latest finished rematch run's report (`cordmatch.rematch/1`), or 404 when there is none.
    func latestRematchReport() throws -> String {
        let resolver = try resolver()
        do {
            return try RematchReport.build(store, resolver: resolver).json()
        } catch let e as InventoryError {
            throw ProblemDetails.notFound(e.description)
        }
    }

    /// Throws when the database cannot be read (health).
    func checkReadable() throws { _ = try store.indexVersion() }

    // MARK: Recipients and requests

    func recipients(after: String?, limit: Int) throws -> [RecipientRow] { try store.recipients(after: after, limit: limit) }

    func recipient(_ id: String) throws -> RecipientRow? { try store.recipient(id) }

    func addRequest(recipientID: String, unitID: String, kind: UnitRequestRow.Kind, note: String, account: String) throws -> UnitRequestRow {
        try answering { try store.addRequest(recipientID: recipientID, unitID: unitID, kind: kind, note: note, account: account) }
    }

    func requests(recipientID: String?) throws -> [UnitRequestRow] { try store.requests(recipientID: recipientID) }

    // MARK: Audit

    func appendAudit(_ entries: [AuditEntry.New]) throws { try store.appendAudit(entries) }

    /// The audit entries `filter` selects, oldest first.
    public func audit(_ filter: AuditEntry.Filter) throws -> [AuditEntry] { try store.audit(filter) }

    // MARK: Accounts, tokens, sessions

    func account(named name: String) throws -> AccountRow? { try store.account(named: name) }

    /// Every account, by name.
    public func accounts() throws -> [AccountRow] { try store.accounts() }

    func addAccount(name: String, role: AccountRole, passwordHash: String, actor: String?) throws -> AccountRow {
        try answering { try store.addAccount(name: name, role: role, passwordHash: passwordHash, actor: actor) }
    }

    /// Disables account `name` and revokes its sessions and tokens.
    public func disableAccount(named name: String, actor: String?) throws {
        try answering { try store.disableAccount(named: name, actor: actor) }
    }

    func addToken(digest: String, forAccount name: String, label: String, actor: String?) throws -> APITokenRow {
        try answering { try store.addToken(digest: digest, forAccount: name, label: label, actor: actor) }
    }

    func token(digest: String) throws -> (APITokenRow, AccountRow)? { try store.token(digest: digest) }

    /// Every token with its account's name.
    public func tokens() throws -> [(APITokenRow, String)] { try store.tokens() }

    /// Revokes token `id`.
    public func revokeToken(id: Int64, actor: String?) throws { try answering { try store.revokeToken(id: id, actor: actor) } }

    func addSession(digest: String, account: AccountRow, csrf: String, now: Date, lifetime: TimeInterval, client: String) throws {
        try store.addSession(digest: digest, accountID: account.id, accountName: account.name, csrf: csrf, now: now, lifetime: lifetime, client: client)
    }

    func session(digest: String, now: Date) throws -> (SessionRow, AccountRow)? { try store.session(digest: digest, now: now) }

    func revokeSession(digest: String, actor: String) throws { try store.revokeSession(digest: digest, actor: actor) }
}
