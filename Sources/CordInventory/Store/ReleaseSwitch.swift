import CordMatch
import Foundation
import GRDB
import HLA

/// Re-resolves every stored typing under another IPD-IMGT/HLA release (`cordmatch data use V`): reports the
/// typings that became invalid and those whose meaning changed (different P groups or antigens at some
/// position), stamps the valid ones with the new release and rebuilds the search index — all in one
/// transaction. Typings that are invalid under the new release keep their old stamp and are left out of the
/// index (never matched as if untyped) until they are corrected.
public struct ReleaseSwitch: Sendable {
    /// Gives the resolver of a release by its version (`3.56.0`): the one a row was stamped with, to tell what a
    /// typing meant before. A release it cannot give is skipped: its rows are then checked for validity only.
    public let from: @Sendable (String) throws -> TypingResolver
    /// The resolver of the release switched to.
    public let to: TypingResolver

    /// `from` gives the resolver of the release a row was stamped with.
    ///
    /// - Parameters:
    ///   - from: the resolver of a release, by version (its errors are not thrown: the comparison is skipped).
    ///   - to: the resolver of the release to switch to.
    public init(from: @escaping @Sendable (String) throws -> TypingResolver, to: TypingResolver) {
        self.from = from
        self.to = to
    }

    /// A stored typing the switch has something to say about.
    public struct Finding: Sendable, Hashable {
        /// What happened to the typing.
        public enum Kind: String, Sendable {
            /// It does not resolve under the new release: the row keeps its old stamp and is left out of the index.
            case invalid
            /// It resolves under both releases, to different P groups, antigens or expression at some position.
            case changed
        }
        /// What happened to the typing.
        public let kind: Kind
        /// `unit` or `recipient`.
        public let record: String
        /// The unit's ID as its bank gave it, or the recipient's ID as its centre gave it.
        public let id: String
        /// For `invalid`, the resolver's error message; for `changed`, each position that changed (locus and value
        /// as written) and how: `now also …`, `no longer …`, `antigens … → …`, `now not expressed`, …, `; `-separated.
        public let detail: String
    }

    /// What a switch did: how many rows were checked, and what was found.
    public struct Report: Sendable {
        /// How many units and recipients were re-resolved (all of them, valid or not).
        public let units: Int, recipients: Int
        /// The invalid and changed typings, units first, each in the stored order.
        public let findings: [Finding]
    }

    /// Re-resolves every stored unit and recipient under `to` and commits the switch (new stamps, the rebuilt
    /// index, an audit entry `use release`) in one write transaction.
    ///
    /// - Parameter store: the inventory, opened for writing.
    /// - Returns: the counts and the findings.
    /// - Throws: `InventoryWriteError` when the storage refuses the write; database errors. An invalid typing is
    ///   a finding, not an error.
    public func run(on store: InventoryStore) throws -> Report {
        let units = try store.read { try UnitRow.fetchAll($0) }
        let recipients = try store.read { try RecipientRow.fetchAll($0) }
        var findings: [Finding] = []
        var resolvers: [String: TypingResolver] = [:]
        func check(_ record: String, _ id: String, _ gl: String, _ release: String) -> Bool {
            let new: HLATyping
            do { new = try to.resolve(gl) } catch {
                findings.append(Finding(kind: .invalid, record: record, id: id, detail: "\(error)"))
                return false
            }
            if release != to.data.version {
                if resolvers[release] == nil { resolvers[release] = try? from(release) }
                if let oldResolver = resolvers[release], let old = try? oldResolver.resolve(gl),
                   let diff = Self.difference(old, oldResolver.data, new, to.data) {
                    findings.append(Finding(kind: .changed, record: record, id: id, detail: diff))
                }
            }
            return true
        }
        let validUnits = units.filter { check("unit", $0.id, $0.hla, $0.release) }.map(\.id)
        let validRecipients = recipients.filter { check("recipient", $0.id, $0.hla, $0.release) }.map(\.id)
        let version = to.data.version, count = findings.count
        try store.write { db in
            for id in validUnits { try db.execute(sql: "UPDATE units SET release = ? WHERE id = ?", arguments: [version, id]) }
            for id in validRecipients { try db.execute(sql: "UPDATE recipients SET release = ? WHERE id = ?", arguments: [version, id]) }
            try SearchIndexStore.rebuild(db, resolver: to)
            try InventoryStore.audit(db, "use release", "IMGT/HLA \(version): \(count) finding(s)")
        }
        return Report(units: units.count, recipients: recipients.count, findings: findings)
    }

    /// How two resolutions of one typing differ (by P-group and antigen names, since ids are per release), in
    /// words, or nil when every position means the same.
    static func difference(_ a: HLATyping, _ aData: ReferenceData, _ b: HLATyping, _ bData: ReferenceData) -> String? {
        var diffs: [String] = []
        for l in MatchLocus.allCases {
            for i in 0..<2 {
                let x = a[l].positions[i], y = b[l].positions[i]
                let px = Set(x.pKeys.map(aData.name(ofID:))), py = Set(y.pKeys.map(bData.name(ofID:)))
                let ax = Set(x.antigens.map(aData.name(ofID:))), ay = Set(y.antigens.map(bData.name(ofID:)))
                guard px != py || ax != ay || x.isNull != y.isNull || x.mayBeNull != y.mayBeNull else { continue }
                var parts: [String] = []
                let gained = py.subtracting(px), lost = px.subtracting(py)
                if !gained.isEmpty { parts.append("now also \(Self.list(gained))") }
                if !lost.isEmpty { parts.append("no longer \(Self.list(lost))") }
                if ax != ay { parts.append("antigens \(Self.list(ax)) → \(Self.list(ay))") }
                if x.isNull != y.isNull { parts.append(y.isNull ? "now not expressed" : "now expressed") }
                if x.mayBeNull != y.mayBeNull { parts.append(y.mayBeNull ? "now may be a null allele" : "no longer may be a null allele") }
                diffs.append("\(l.rawValue) \(x.written): " + parts.joined(separator: ", "))
            }
        }
        return diffs.isEmpty ? nil : diffs.joined(separator: "; ")
    }

    static func list(_ s: Set<String>) -> String {
        let sorted = HLAOrder.sorted(s.sorted())
        return sorted.count > 4 ? sorted.prefix(4).joined(separator: "/") + "/… (\(sorted.count))" : sorted.joined(separator: "/")
    }
}
