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
    public let from: @Sendable (String) throws -> TypingResolver
    public let to: TypingResolver

    /// `from` gives the resolver of the release a row was stamped with.
    public init(from: @escaping @Sendable (String) throws -> TypingResolver, to: TypingResolver) {
        self.from = from
        self.to = to
    }

    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable { case invalid, changed }
        public let kind: Kind
        /// `unit` or `recipient`.
        public let record: String
        public let id: String
        public let detail: String
    }

    public struct Report: Sendable {
        public let units: Int, recipients: Int
        public let findings: [Finding]
    }

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
