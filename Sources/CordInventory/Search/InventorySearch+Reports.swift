import CordMatch
import HLA

extension InventorySearch {
    /// Searches for `request`'s recipient and reports it as `cordmatch.search/1`: the one function behind both
    /// `cordmatch search --format json` and the server's search routes, so that both give the same document.
    public func report(_ request: SearchRequest, limit: Int, includeIneligible: Bool) throws -> SearchReport {
        let (recipient, policy) = try load(request)
        return try report(for: recipient, policy: policy, searchDate: request.searchDate, limit: limit, includeIneligible: includeIneligible)
    }

    /// `report(_:limit:includeIneligible:)` for a recipient and policy already loaded (`load(_:)`).
    public func report(for recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate, limit: Int,
                       includeIneligible: Bool) throws -> SearchReport {
        let result = try search(recipient, policy: policy, searchDate: searchDate, includeIneligible: includeIneligible)
        return SearchReport(result: result, recipient: recipient.id, searchDate: searchDate, limit: limit, includeIneligible: includeIneligible)
    }

    /// The recipient and policy of `request`, resolved with this search's resolver.
    public func load(_ request: SearchRequest) throws -> (Recipient, SelectionPolicy) { try request.load(store, resolver) }

    /// Explains unit `unitID` for `request`'s recipient (`cordmatch.explain/1`); throws `InventoryError` when the
    /// unit is not stored.
    public func explainReport(_ request: SearchRequest, unitID: String) throws -> ExplainReport {
        let (recipient, policy) = try load(request)
        guard let assessment = try explain(recipient, unitID: unitID, policy: policy, searchDate: request.searchDate) else {
            throw InventoryNotFound("no unit \(InputExcerpt.of(unitID)) in the database")
        }
        return ExplainReport(assessment, recipient: recipient.id, searchDate: request.searchDate)
    }

    /// Assesses each of `unitIDs` for `request`'s recipient, side by side (`cordmatch.compare/1`); ids not stored are
    /// listed as missing.
    public func compareReport(_ request: SearchRequest, unitIDs: [String]) throws -> CompareReport {
        let (recipient, policy) = try load(request)
        let found = Dictionary(try units(unitIDs).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assessor = UnitAssessor(policy: policy, searchDate: request.searchDate)
        return CompareReport(unitIDs.compactMap { found[$0] }.map { assessor.assess($0, for: recipient) },
                             missing: unitIDs.filter { found[$0] == nil }, recipient: recipient.id, policy: policy,
                             release: resolver.data.version, searchDate: request.searchDate)
    }
}
