import CordMatch
import CordSupport
import Foundation
import HLA

/// The validation of one file's unit records, a batch at a time, in file order: each batch on every core
/// (records are independent), then duplicate ids checked in order. Collects every problem, and the resolved
/// typings of the accepted rows for the search index.
struct UnitValidationPass {
    let file: String
    let values: HLAFieldValues
    private let workers: [Worker]
    /// Every problem so far (in batch order; not sorted).
    private(set) var issues: [ImportIssue] = []
    /// The typings of the accepted rows (and the line of each accepted unit id).
    private(set) var typings = ResolvedUnitTypings()

    /// One record to validate: its values, in the order of its layout's columns.
    struct Record: Sendable {
        let line: Int
        let layout: UnitRecordLayout
        let values: [String]
    }

    /// One part's validator (kept from batch to batch: it remembers what it has checked).
    private final class Worker: @unchecked Sendable {
        var validator: UnitRowValidator
        init(_ validator: UnitRowValidator) { self.validator = validator }
    }

    init(file: String, resolver: TypingResolver) {
        let values = HLAFieldValues(resolver: resolver)
        self.file = file
        self.values = values
        // Four parts a core: a thread that the writer holds up leaves its other parts to the others.
        let lists = GLAlleleLists(resolver: resolver)
        workers = (0..<4 * ProcessInfo.processInfo.activeProcessorCount).map { _ in
            Worker(UnitRowValidator(file: file, values: values, lists: lists))
        }
    }

    mutating func report(_ issue: ImportIssue) { issues.append(issue) }

    /// Validates a batch; returns its accepted rows (valid, and the first of their id), with `pool` set.
    mutating func validate(_ records: [Record], pool: String? = nil) -> [UnitRow] {
        let workers = workers
        let outcomes = ParallelChunks.map(count: records.count, parts: min(workers.count, records.count / 64)) { p, range in
            let w = workers[p]
            return records[range].map { w.validator.validate($0.values, layout: $0.layout, line: $0.line) }
        }
        var rows: [UnitRow] = []
        for o in outcomes.joined() {
            if var row = o.row, o.issues.isEmpty {
                row.pool = pool
                if let first = typings.add(id: row.id, line: o.line, positions: o.positions, searchable: row.status == .available) {
                    issues.append(ImportIssue(file: file, line: o.line, column: "ID", reason: "unit \(InputExcerpt.of(row.id)) appears again (first on line \(first))"))
                    continue
                }
                rows.append(row)
            }
            issues += o.issues
        }
        return rows
    }

    /// Makes room for about `count` accepted units in all.
    mutating func reserveCapacity(_ count: Int) { typings.reserveCapacity(count) }

    /// The typings of the accepted rows, with the values their numbers refer to.
    var resolvedTypings: ResolvedUnitTypings {
        var t = typings
        t.values = values.values
        return t
    }
}
