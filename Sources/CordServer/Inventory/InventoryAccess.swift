import CordInventory
import CordMatch
import CordService
import Foundation
import HLA
import HTTPTypes
import NIOCore
import NIOPosix

/// The server's adapter onto the library's service layer (`CordService.InventoryService`): the service answers
/// searches, explanations, comparisons, the rematch report, recipients and requests — and keeps the search index
/// warm, reloading it at an import's commit; this adds what only a server needs: answers of repeated searches kept
/// per index version, at most one full-core computation per core, the thread pool blocking work runs on, the
/// library's errors as problems, and the store's accounts, tokens, sessions and audit trail.
/// Its methods block (SQLite, the search's scan): routes call them through `blocking(_:)`, on the thread pool.
public final class InventoryAccess: Sendable {
    let store: InventoryStore
    /// The inventory's service; nil for an access that only manages accounts and reads the audit trail.
    let service: InventoryService?
    /// Search answers as the response bodies sent: a kept answer is sent again without a copy.
    private let answers: AnswerCache<StoredIndexVersion, SearchKey, ByteBuffer>
    /// The workspace's grids (search, near misses, pairs): a page's filters and sorting reuse its grid.
    private let grids: AnswerCache<StoredIndexVersion, GridKey, SearchGrid>
    private let computeSlots = DispatchSemaphore(value: System.coreCount)

    /// What a search answer depends on besides the index: the recipient as stored or given and the policy named
    /// (a policy file's content too, since the file may change), the date and the limits — taken before anything is
    /// resolved, so that a kept answer costs one read of the recipient's row.
    struct SearchKey: Hashable, Sendable {
        let subject: SearchSubject, policyFile: SelectionPolicy?, date: CalendarDate, limit: Int, includeIneligible: Bool

        /// The key of `query` for `subject` (`InventoryService.searchSubject`): a policy file is read, since its
        /// content may change under the same path.
        init(_ subject: SearchSubject, _ query: SearchQuery) throws {
            self.subject = subject
            policyFile = if case .file = subject.policy { try subject.policy.load() } else { nil }
            date = query.searchDate
            limit = query.limit
            includeIneligible = query.includeIneligible
        }
    }

    /// What a grid depends on besides the index: the search's key, and whether near misses are looked for.
    struct GridKey: Hashable, Sendable {
        let search: SearchKey, nearMisses: Bool
    }

    /// Serves `service`'s inventory.
    ///
    /// - Parameters:
    ///   - service: the inventory, with its resolver and warm search index.
    ///   - cachedAnswers: how many search answers are kept for the loaded index (0: none); a tenth as many grids
    ///     (a grid holds the near misses and the units' facts besides the answer).
    public init(service: InventoryService, cachedAnswers: Int = 4096) {
        store = service.store
        self.service = service
        answers = AnswerCache(capacity: cachedAnswers)
        grids = AnswerCache(capacity: cachedAnswers / 10)
    }

    /// Only the accounts, tokens, sessions and audit trail of `store`, without reference data (`cordmatch user`,
    /// `token`, `audit`).
    ///
    /// - Parameter store: the open inventory.
    public init(accountsOf store: InventoryStore) {
        self.store = store
        service = nil
        answers = AnswerCache(capacity: 0)
        grids = AnswerCache(capacity: 0)
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

    // MARK: Searches and reports

    private func inventory() throws -> InventoryService {
        guard let service else { throw ProblemDetails(.serviceUnavailable, "this server was started without reference data") }
        return service
    }

    /// The library's errors as problems: not found → 404; a validation error (a typing, antibodies, a policy) →
    /// 400 with the CLI's message; commits landing through every try → 503; the rest pass through (a 500 that says
    /// nothing).
    private func answering<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as NotInInventory {
            // Without the database's path, which is the server's business.
            throw ProblemDetails.notFound("no \(e.kind) \(InputExcerpt.of(e.id)) in the database")
        } catch is InventorySearch.IndexChanged {
            throw ProblemDetails(.serviceUnavailable, "the inventory is changing (imports are committing); try again",
                                 headers: [.retryAfter: "1"])
        } catch let e where e is HLAParseError || e is NomenclatureError || e is TypingError || e is PolicyError || e is InventoryError
                                || e is InvalidValue {
            throw ProblemDetails.badRequest("\(e)")
        }
    }

    /// `cordmatch search --format json` for `query`, as a response body.
    func searchReport(_ query: SearchQuery) throws -> ByteBuffer {
        try kept(in: answers, query, key: { $0 }) { service, search, recipient, policy in
            ByteBuffer(string: try service.report(on: search, recipient: recipient, policy: policy, query).json())
        }
    }

    /// The answer `cache` keeps for `query` on the current index, else the one `compute` gives on a full core
    /// (then kept): the recipient as stored and the policy named are read first, and resolved — with the loaded
    /// search's resolver, so after a release switch with the new release's — only when nothing is kept.
    private func kept<Key: Hashable & Sendable, Answer: Sendable>(
        in cache: AnswerCache<StoredIndexVersion, Key, Answer>, _ query: SearchQuery, key: (SearchKey) -> Key,
        compute: (InventoryService, InventorySearch, Recipient, SelectionPolicy) throws -> Answer
    ) throws -> Answer {
        let service = try inventory()
        return try answering {
            try service.withCurrentSearch { search in
                let subject = try service.searchSubject(query.recipient, policy: query.policy)
                return try cache.answer(search.indexVersion, key(try SearchKey(subject, query))) {
                    let (recipient, policy) = try service.subject(subject, on: search)
                    return try computing { try compute(service, search, recipient, policy) }
                }
            }
        }
    }

    /// The answer kept for `query`, found without loading or computing anything: nil when none is kept for the
    /// stored index as it is now (or the policy is a file, which is read), and the caller asks `searchReport` on the
    /// thread pool. One short read (the index version and the recipient's row, together): routes call it on their
    /// own thread, sparing a kept answer the trip to the pool and back.
    ///
    /// - Parameter query: the search.
    /// - Returns: the JSON kept, as a response body, or nil (also for an unknown recipient: `searchReport` answers 404).
    /// - Throws: database errors.
    func keptSearchReport(_ query: SearchQuery) throws -> ByteBuffer? {
        guard let service, case .stored(let id) = query.recipient else { return nil }
        let (version, row) = try store.indexVersionAndRecipient(id)
        // No such recipient: the pool's computation says so, with the one message.
        guard let row, let search = service.loadedSearch(ifAt: version) else { return nil }
        let subject = service.searchSubject(row, policy: query.policy)
        if case .file = subject.policy { return nil }
        return answers.kept(search.indexVersion, try SearchKey(subject, query))
    }

    /// The workspace grid of `query` (`InventoryService.searchGrid`), with its near misses when `nearMisses`.
    func searchGrid(_ query: SearchQuery, nearMisses: Bool) throws -> SearchGrid {
        try kept(in: grids, query, key: { GridKey(search: $0, nearMisses: nearMisses) }) { service, search, recipient, policy in
            try service.searchGrid(on: search, recipient: recipient, policy: policy, query, nearMisses: nearMisses)
        }
    }

    /// The explanation of `query` (`cordmatch.explain/1`).
    func explanation(_ query: ExplainQuery) throws -> ExplanationReport {
        let service = try inventory()
        return try answering { try computing { try service.explain(query) } }
    }

    /// `cordmatch explain --format json` for `query`.
    func explainReport(_ query: ExplainQuery) throws -> String { try explanation(query).json() }

    /// The comparison of `query` (`cordmatch.compare/1`).
    func comparison(_ query: CompareQuery) throws -> CompareReport {
        let service = try inventory()
        return try answering { try computing { try service.compare(query) } }
    }

    /// `cordmatch.compare/1` for `query`.
    func compareReport(_ query: CompareQuery) throws -> String { try comparison(query).json() }

    /// Runs a computation that uses every core (a search's scan): at most as many at once as there are cores,
    /// so that many concurrent searches queue instead of thrashing each other (measured: 32 at once took 8 times
    /// as long in all as the same searches 4 at a time); everything else (cached answers, reads) goes on meanwhile.
    private func computing<T>(_ body: () throws -> T) rethrows -> T {
        computeSlots.wait()
        defer { computeSlots.signal() }
        return try body()
    }

    /// The latest finished rematch run's report (`cordmatch.rematch/1`), or 404 when there is none.
    func latestRematchReport() throws -> String { try latestRematch().json() }

    /// The latest finished rematch run's report, or 404 when there is none.
    func latestRematch() throws -> RematchReport {
        let service = try inventory()
        do {
            return try service.rematchReport()
        } catch let e as InventoryError {
            throw ProblemDetails.notFound(e.description)
        }
    }

    /// Throws when the database cannot be read (health).
    func checkReadable() throws { _ = try store.indexVersion() }

    // MARK: Recipients and requests

    func recipients(after: String?, limit: Int) throws -> [RecipientRow] { try inventory().recipients(after: after, limit: limit) }

    func recipient(_ id: String) throws -> RecipientRow? { try inventory().recipient(id) }

    func addRequest(recipientID: String, unitID: String, kind: UnitRequestRow.Kind, note: String, account: String) throws -> UnitRequestRow {
        let service = try inventory()
        return try answering { try service.addRequest(recipientID: recipientID, unitID: unitID, kind: kind, note: note, account: account) }
    }

    func requests(recipientID: String?) throws -> [UnitRequestRow] { try inventory().requests(recipientID: recipientID) }

    // MARK: Audit

    func appendAudit(_ entries: [AuditEntry.New]) throws { try store.appendAudit(entries) }

    /// The audit entries `filter` selects, oldest first.
    ///
    /// - Parameter filter: by recipient, user and time.
    /// - Returns: the entries.
    /// - Throws: database errors.
    public func audit(_ filter: AuditEntry.Filter) throws -> [AuditEntry] { try store.audit(filter) }

    // MARK: Accounts, tokens, sessions

    func account(named name: String) throws -> AccountRow? { try store.account(named: name) }

    /// Every account, by name.
    ///
    /// - Returns: the accounts.
    /// - Throws: database errors.
    public func accounts() throws -> [AccountRow] { try store.accounts() }

    func addAccount(name: String, role: AccountRole, passwordHash: String, actor: String?) throws -> AccountRow {
        try answering { try store.addAccount(name: name, role: role, passwordHash: passwordHash, actor: actor) }
    }

    /// Disables account `name` and revokes its sessions and tokens.
    ///
    /// - Parameters:
    ///   - name: the account.
    ///   - actor: who does it (audited).
    /// - Throws: a problem (400) for an unknown account; database errors.
    public func disableAccount(named name: String, actor: String?) throws {
        try answering { try store.disableAccount(named: name, actor: actor) }
    }

    func addToken(digest: String, forAccount name: String, label: String, actor: String?) throws -> APITokenRow {
        try answering { try store.addToken(digest: digest, forAccount: name, label: label, actor: actor) }
    }

    func token(digest: String) throws -> (APITokenRow, AccountRow)? { try store.token(digest: digest) }

    /// Every token with its account's name.
    ///
    /// - Returns: the tokens and their accounts' names.
    /// - Throws: database errors.
    public func tokens() throws -> [(APITokenRow, String)] { try store.tokens() }

    /// Revokes token `id`.
    ///
    /// - Parameters:
    ///   - id: the token's id (`cordmatch token list`).
    ///   - actor: who does it (audited).
    /// - Throws: a problem (400) for an unknown token; database errors.
    public func revokeToken(id: Int64, actor: String?) throws { try answering { try store.revokeToken(id: id, actor: actor) } }

    func addSession(digest: String, account: AccountRow, csrf: String, now: Date, lifetime: TimeInterval, client: String) throws {
        try store.addSession(digest: digest, accountID: account.id, accountName: account.name, csrf: csrf, now: now, lifetime: lifetime, client: client)
    }

    func session(digest: String, now: Date) throws -> (SessionRow, AccountRow)? { try store.session(digest: digest, now: now) }

    func revokeSession(digest: String, actor: String) throws { try store.revokeSession(digest: digest, actor: actor) }
}
